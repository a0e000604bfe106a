"""Generated text kept in a hand-written file between ``<!-- NAME:start -->`` and
``<!-- NAME:end -->`` markers (the README's coverage table and example answers)."""

from __future__ import annotations

import re


def _pattern(name: str) -> re.Pattern[str]:
    return re.compile(rf"(<!-- {name}:start -->\n)(.*?)(<!-- {name}:end -->)", re.S)


def marked_block(text: str, name: str) -> str | None:
    """The text between ``name``'s markers, or None when there are no markers."""
    found = _pattern(name).search(text)
    return found.group(2) if found else None


def replace_marked_block(text: str, name: str, block: str) -> str:
    """``text`` with ``block`` between ``name``'s markers."""
    if marked_block(text, name) is None:
        raise ValueError(f"no <!-- {name}:start --> ... <!-- {name}:end --> markers")
    return _pattern(name).sub(lambda m: m.group(1) + block + m.group(3), text, count=1)
