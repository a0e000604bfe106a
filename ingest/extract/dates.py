"""Dates in news text, resolved against the article's publication date.

A weekday in a news story means the day of that name in the week of publication: an event
reported as past ("said on Tuesday") is the latest such day on or before publication, a deadline
("by Friday") the first on or after it. Everything else goes through dateparser with the
publication date as its base.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_TIME = re.compile(r"\b(\d{1,2})(?:[.:](\d{2}))?\s*([ap])\.?\s*m\b\.?", re.IGNORECASE)
_NOON = re.compile(r"\b(noon|midday|midnight)\b", re.IGNORECASE)
_APPROXIMATE = ("week", "weeks", "days", "recently", "earlier", "later", "mid", "late", "early")


@dataclass(frozen=True)
class Resolved:
    """A resolved date (or date and time) and how exact it is."""

    value: dt.date | dt.datetime
    precision: str  # day, month, year or approximate


def _weekday(text: str) -> int | None:
    words = re.findall(r"[a-z]+", text.lower())
    for number, name in enumerate(WEEKDAYS):
        if name in words:
            return number
    return None


def _clock(text: str) -> dt.time | None:
    noon = _NOON.search(text)
    if noon:
        return dt.time(0, 0) if noon.group(1).lower() == "midnight" else dt.time(12, 0)
    match = _TIME.search(text)
    if not match:
        return None
    hour = int(match.group(1)) % 12 + (12 if match.group(3).lower() == "p" else 0)
    minute = int(match.group(2) or 0)
    if hour > 23 or minute > 59:
        return None
    return dt.time(hour, minute)


def resolve(text: str, base: dt.date, future: bool = False) -> Resolved | None:
    """Resolve ``text`` ("Friday", "5.01 p.m. on Friday", "February 4, 2025", "last week")."""
    day = _weekday(text)
    clock = _clock(text)
    if day is not None and not re.search(
        r"\b(19|20)\d\d\b|\d{1,2}(st|nd|rd|th)?\b(?![.:])", _strip_clock(text)
    ):
        shift = (day - base.weekday()) % 7 if future else -((base.weekday() - day) % 7)
        if re.search(r"\b(last|previous)\b", text.lower()) and not future:
            shift = shift or -7
        if re.search(r"\bnext\b", text.lower()) and future:
            shift = shift or 7
        date = base + dt.timedelta(days=shift)
        if clock is not None:
            return Resolved(dt.datetime.combine(date, clock), "day")
        return Resolved(date, "day")
    return _parse(_strip_clock(text) if clock else text, base, future, clock)


def _strip_clock(text: str) -> str:
    return _NOON.sub(" ", _TIME.sub(" ", text)).strip()


def _parse(text: str, base: dt.date, future: bool, clock: dt.time | None) -> Resolved | None:
    found = _parser(base, future).get_date_data(text)
    if found is None or found.date_obj is None:
        return None
    value = found.date_obj.date()
    lowered = text.lower()
    period = found.period or "day"
    if any(word in re.findall(r"[a-z]+", lowered) for word in _APPROXIMATE) or period == "week":
        return Resolved(value, "approximate")
    if period == "month":
        return Resolved(value.replace(day=1), "month")
    if period == "year":
        return Resolved(value.replace(month=1, day=1), "year")
    if clock is not None:
        return Resolved(dt.datetime.combine(value, clock), "day")
    return Resolved(value, "day")


@lru_cache(maxsize=64)
def _parser(base: dt.date, future: bool):  # type: ignore[no-untyped-def]
    from dateparser.date import DateDataParser

    return DateDataParser(
        languages=["en"],
        settings={
            "RELATIVE_BASE": dt.datetime.combine(base, dt.time()),
            "PREFER_DATES_FROM": "future" if future else "past",
            "RETURN_AS_TIMEZONE_AWARE": False,
            "STRICT_PARSING": False,
        },
    )
