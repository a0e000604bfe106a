"""Parameter types shared by the routes."""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any

from pydantic import BeforeValidator

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _iso_date(value: Any) -> Any:
    # Without this, a number such as 0 would be read as a Unix time (1970-01-01).
    if isinstance(value, str) and not _ISO_DATE.fullmatch(value):
        raise ValueError("give the date as YYYY-MM-DD")
    return value


IsoDate = Annotated[dt.date, BeforeValidator(_iso_date)]


def check_range(from_: dt.date | None, to: dt.date | None) -> None:
    """Refuse a date range that ends before it starts (422, naming `from`)."""
    if from_ is not None and to is not None and from_ > to:
        from graph.cypher import ParameterError

        raise ParameterError(f"'from' ({from_}) is after 'to' ({to})", "from")
