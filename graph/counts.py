"""The graph's counts, defined once (``queries/counts.cypher``): events, never statements.

Every view that shows a count (``/labs``, the pages, ``pledgegraph stats`` and its Markdown table,
the README) takes it from here, so they cannot disagree.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from graph.cypher import QueryLibrary
from graph.store import GraphStore

COUNT_COLUMNS = (
    "events", "made", "dropped", "weakened", "signed", "declined", "breached", "fulfilled",
    "pressed", "pressured", "rated",
)  # fmt: skip


def organisation_counts(
    store: GraphStore, queries: QueryLibrary, as_of: dt.date | None = None
) -> dict[str, dict[str, Any]]:
    """Per organisation id: its name, whether it is a lab, and every count."""
    return {row["id"]: row for row in store.read(queries["counts"], {"as_of": as_of})}


def lab_summaries(
    store: GraphStore, queries: QueryLibrary, as_of: dt.date | None = None
) -> list[dict[str, Any]]:
    """The labs (id, name, aliases, latest change) with their counts."""
    counts = organisation_counts(store, queries, as_of)
    return [
        {**row, **{c: counts[row["id"]][c] for c in COUNT_COLUMNS}}
        for row in store.read(queries["labs"], {"as_of": as_of})
    ]
