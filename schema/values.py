"""Check and convert property values according to their declared kind."""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING, Any
from urllib.parse import urlparse

if TYPE_CHECKING:
    from schema.model import Property


_PARTIAL_DATE = re.compile(r"(\d{4})(?:-(\d{2}))?")


def partial_date(value: Any) -> tuple[Any, str | None]:
    """Expand a partial date (``2023`` or ``"2023-09"``) to its first day and its precision."""
    text = str(value) if isinstance(value, int) and not isinstance(value, bool) else value
    if isinstance(text, str):
        match = _PARTIAL_DATE.fullmatch(text.strip())
        if match:
            year, month = match.groups()
            if month is None:
                return f"{year}-01-01", "year"
            return f"{year}-{month}-01", "month"
    return value, None


def parse_date(value: Any) -> dt.date:
    """Accept a ``date`` or an ISO ``YYYY-MM-DD`` string."""
    if isinstance(value, dt.datetime):
        raise ValueError("expected a date (YYYY-MM-DD), got a date and time")
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        return dt.date.fromisoformat(value)
    raise ValueError(f"expected a date (YYYY-MM-DD), got {type(value).__name__}")


def parse_datetime(value: Any) -> dt.datetime:
    """Accept a naive ``datetime`` or an ISO ``YYYY-MM-DDTHH:MM[:SS]`` string."""
    if isinstance(value, dt.datetime):
        return value
    if isinstance(value, str):
        return dt.datetime.fromisoformat(value)
    raise ValueError(f"expected a date and time (YYYY-MM-DDTHH:MM), got {type(value).__name__}")


def convert(prop: Property, value: Any) -> Any:
    """Turn a checked value into what the store holds (dates as ``date``/``datetime``)."""
    if prop.kind == "date":
        return parse_date(value)
    if prop.kind == "datetime":
        return parse_datetime(value)
    if prop.kind == "string_list":
        return list(value)
    return value


def check_value(prop: Property, value: Any) -> str | None:
    """Why ``value`` does not fit ``prop``, or None."""
    kind = prop.kind
    if kind in {"string", "text", "url", "enum"}:
        if not isinstance(value, str) or not value.strip():
            if kind == "enum":
                return f"expected one of {', '.join(prop.values)}, got {value!r}"
            return f"expected non-empty text, got {value!r}"
        if kind == "enum" and value not in prop.values:
            return f"{value!r} is not one of {', '.join(prop.values)}"
        if kind == "url" and urlparse(value).scheme not in {"http", "https"}:
            return f"{value!r} is not an http(s) URL"
        if prop.pattern and not re.fullmatch(prop.pattern, value):
            return f"{value!r} does not match {prop.pattern}"
        return None
    if kind == "boolean":
        return None if isinstance(value, bool) else f"expected true or false, got {value!r}"
    if kind == "integer":
        ok = isinstance(value, int) and not isinstance(value, bool)
        return None if ok else f"expected a whole number, got {value!r}"
    if kind == "string_list":
        if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
            return f"expected a list of names, got {value!r}"
        return None
    try:
        parse_date(value) if kind == "date" else parse_datetime(value)
    except ValueError as err:
        return f"{value!r} is not a valid {kind}: {err}"
    return None
