"""Facts in plain words for the pages: dates at the precision they are known, and one sentence per
event ("Anthropic dropped its pledge to pause scaling", "Pete Hegseth pressed Anthropic: ...,
deadline 27 Feb 2026, 17:01")."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def _as_date(value: Any) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def human_date(value: Any, precision: str | None = None) -> str:
    """24 Feb 2026; Feb 2026 for a month; 2026 for a year; "about" or "by" where so."""
    day = _as_date(value)
    if day is None:
        return "undated"
    if precision == "year":
        return str(day.year)
    if precision == "month":
        return f"{MONTHS[day.month - 1]} {day.year}"
    text = f"{day.day} {MONTHS[day.month - 1]} {day.year}"
    if precision == "approximate":
        return f"about {text}"
    if precision == "by":
        return f"by {text}"
    return text


def human_deadline(value: Any) -> str:
    """A deadline's day, and its time only when one is known (midnight reads as no time)."""
    if value is None:
        return ""
    if isinstance(value, str):
        try:
            value = dt.datetime.fromisoformat(value)
        except ValueError:
            return str(value)
    if isinstance(value, dt.datetime):
        day = human_date(value.date())
        return day if value.time() == dt.time(0, 0) else f"{day}, {value:%H:%M}"
    return human_date(value)


def _names(items: Any) -> str:
    names = [str(x.get("name") or x["id"]) for x in items or []]
    if len(names) <= 2:
        return " and ".join(names)
    if len(names) > 4:
        return ", ".join(names[:3]) + f" and {len(names) - 3} others"
    return ", ".join(names[:-1]) + " and " + names[-1]


def _clause(text: Any) -> str:
    return str(text).strip().rstrip(".") if text else ""


def _lowered(text: Any) -> str:
    """A clause to follow a verb: its first letter in lower case, no closing full stop."""
    clause = _clause(text)
    return clause[:1].lower() + clause[1:]


def _detail(event: Mapping[str, Any], key: str) -> str:
    """': <the event's key>', or nothing when it has none."""
    return f": {_clause(event[key])}" if event.get(key) else ""


def sentence(event: Mapping[str, Any]) -> str:
    """The event as a sentence a reader follows, from its preferred values."""
    who, what = _names(event.get("subjects")), _names(event.get("objects"))
    edge = event.get("edge")
    extent = " in part" if event.get("extent") == "partial" else ""
    if edge == "MADE":
        return f"{who} committed to: {what}"
    if edge == "DROPPED":
        return f"{who} dropped{extent} “{what}”"
    if edge == "SUPERSEDED_BY":
        change = event.get("change")
        how = {"weakened": "a weaker", "strengthened": "a stronger"}.get(str(change), "another")
        return f"“{who}” was replaced by {how} commitment: “{what}”"
    if edge == "PRESSURED":
        text = f"{who} pressed {what}"
        if event.get("demand"):
            text += f" to {_lowered(event['demand'])}"
        if event.get("deadline"):
            text += f", with a deadline of {human_deadline(event['deadline'])}"
        if event.get("threat"):
            text += f"; the threat: {_lowered(event['threat'])}"
        return text
    if edge == "CRITICIZED":
        return f"{who} criticised {what}{_detail(event, 'criticism')}"
    if edge == "RULED":
        return f"{who} ruled on {what}{_detail(event, 'ruling')}"
    if edge == "SIGNED":
        return f"{who} signed{extent} “{what}”"
    if edge == "DECLINED":
        return f"{who} declined to sign “{what}”"
    if edge == "FULFILLED":
        return f"{who} met{extent} “{what}”"
    if edge == "BREACHED":
        return f"{who} acted against “{what}”{_detail(event, 'breach')}"
    if edge == "PUBLISHED":
        return f"{who} published {what}"
    if edge == "RATED":
        return f"{who} rated {what}" + (f" {event['score']}" if event.get("score") else "")
    if edge == "AUTHORIZED":
        return f"{who} authorised the use of {what}"
    if edge == "HOLDS_ROLE":
        return f"{who} holds a role at {what}" + (
            f" ({event['role']})" if event.get("role") else ""
        )
    return f"{who} — {str(edge).lower().replace('_', ' ')} — {what}"
