"""Turn values that come back from a store into plain Python, the same for every backend."""

from __future__ import annotations

from typing import Any


def to_plain(value: Any) -> Any:
    """Recursively convert driver temporal types (anything with ``to_native``) and containers."""
    if isinstance(value, dict):
        return {k: to_plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [to_plain(v) for v in value]
    native = getattr(value, "to_native", None)
    if callable(native):
        return native()
    return value
