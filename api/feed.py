"""The Atom feed of drops and weakenings, built from timeline events with feedgen."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from feedgen.feed import FeedGenerator

from api.models import EntityRef, TimelineEvent

FEED_SIZE = 100


def is_change(event: TimelineEvent) -> bool:
    """A drop, or a replacement by a weaker commitment."""
    return event.edge == "DROPPED" or (event.edge == "SUPERSEDED_BY" and event.change == "weakened")


def _names(refs: Iterable[EntityRef]) -> str:
    return ", ".join(ref.name or ref.id for ref in refs)


def _title(event: TimelineEvent) -> str:
    if event.edge == "DROPPED":
        return f"{_names(event.subjects)} dropped: {_names(event.objects)}"
    return f"Weakened: {_names(event.subjects)} replaced by {_names(event.objects)}"


def _summary(event: TimelineEvent) -> str:
    labels = [
        f"on {event.date.isoformat()}"
        + (f" ({event.date_precision})" if event.date_precision else "")
    ]
    if event.severity:
        labels.append(f"severity: {event.severity}")
    if event.disclosure:
        labels.append(event.disclosure)
    lines = ["; ".join(labels) + "."]
    for item in event.evidence:
        source = item.source.publisher or item.source.id or "unknown source"
        check = "verified" if item.verified else "not verified"
        lines.append(f'"{item.quote}" ({source}; {check})')
    return "\n".join(lines)


def event_id(base: str, event: TimelineEvent) -> str:
    """The entry's id: the event's own, so one event is one entry however many sources report it."""
    return f"{base}id/event/{event.event}"


def atom(events: Iterable[TimelineEvent], base: str, self_url: str) -> bytes:
    """An Atom 1.0 document of the newest changes; its `updated` is the newest event's date."""
    base = base if base.endswith("/") else base + "/"
    changes = [e for e in events if is_change(e)][:FEED_SIZE]
    feed = FeedGenerator()
    feed.id(f"{base}feed.atom")
    feed.title("pledgegraph: AI labs' dropped and weakened safety commitments")
    feed.subtitle("Each entry is a sourced drop or weakening, with its quotes.")
    feed.link(href=self_url, rel="self")
    feed.language("en")
    feed.author({"name": "pledgegraph"})
    newest = max((e.date for e in changes), default=dt.date(2023, 1, 1))
    feed.updated(dt.datetime.combine(newest, dt.time(), tzinfo=dt.UTC))
    # feedgen prepends entries, so add them oldest first to keep the newest on top.
    for event in reversed(changes):
        entry = feed.add_entry()
        entry.id(event_id(base, event))
        entry.title(_title(event))
        when = dt.datetime.combine(event.date, dt.time(), tzinfo=dt.UTC)
        entry.updated(when)
        entry.published(when)
        entry.content(_summary(event), type="text")
        urls = list(dict.fromkeys(item.source.url for item in event.evidence if item.source.url))
        for number, url in enumerate(urls):
            entry.link(href=url, rel="alternate" if number == 0 else "related")
        entry.category(term=event.edge)
    document: bytes = feed.atom_str(pretty=True)
    return document
