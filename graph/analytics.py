"""Graph checks that Cypher does poorly."""

from __future__ import annotations

import graphlib
from collections.abc import Iterable, Mapping
from itertools import pairwise
from typing import Any

from schema.records import StatementRecord


class SupersessionCycle(ValueError):
    """Commitments that supersede each other in a loop."""

    def __init__(self, cycle: list[str], sources: list[str]) -> None:
        self.cycle = cycle
        self.sources = sources
        path = " -> ".join([*cycle, cycle[0]])
        super().__init__(
            f"supersession cycle: {path} (stated in {', '.join(sorted(set(sources)))}). "
            "Fix: a commitment cannot be replaced, directly or through others, by itself; "
            "remove or reverse one SUPERSEDED_BY fact"
        )


def check_supersessions(
    existing: Iterable[Mapping[str, Any]], statements: Iterable[StatementRecord]
) -> None:
    """Raise SupersessionCycle when the supersessions, old and new together, form a cycle."""
    stated: dict[tuple[str, str], str] = {}
    for row in existing:
        stated.setdefault((row["from"], row["to"]), row["source"])
    for st in statements:
        if st.edge == "SUPERSEDED_BY":
            where = f"{st.source} ({st.origin})" if st.origin else st.source
            stated.setdefault((st.source_id, st.target_id), where)
    # A topological sort (the standard library's) finds a cycle if there is one; at 100k
    # statements it takes a tenth of the time networkx needed on first use.
    order: graphlib.TopologicalSorter[str] = graphlib.TopologicalSorter()
    for before, after in stated:
        order.add(after, before)
    try:
        order.prepare()
    except graphlib.CycleError as err:
        nodes: list[str] = err.args[1]
        if any((u, v) not in stated for u, v in pairwise(nodes)):
            nodes = nodes[::-1]
        pairs = list(pairwise(nodes))
        raise SupersessionCycle([u for u, _ in pairs], [stated[p] for p in pairs]) from None
