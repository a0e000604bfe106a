"""Graph checks that Cypher does poorly, done with networkx."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import networkx as nx

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
    graph: nx.DiGraph[str] = nx.DiGraph(list(stated))
    if nx.is_directed_acyclic_graph(graph):  # a topological sort: much faster than find_cycle
        return
    try:
        cycle = nx.find_cycle(graph)
    except nx.NetworkXNoCycle:
        return
    raise SupersessionCycle([u for u, _ in cycle], [stated[(u, v)] for u, v in cycle])
