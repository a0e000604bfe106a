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
    graph: nx.MultiDiGraph[str] = nx.MultiDiGraph()
    for row in existing:
        graph.add_edge(row["from"], row["to"], source=row["source"])
    for st in statements:
        if st.edge == "SUPERSEDED_BY":
            graph.add_edge(
                st.source_id,
                st.target_id,
                source=f"{st.source} ({st.origin})" if st.origin else st.source,
            )
    try:
        cycle = nx.find_cycle(graph)
    except nx.NetworkXNoCycle:
        return
    nodes = [edge[0] for edge in cycle]
    sources = [graph.edges[edge]["source"] for edge in cycle]
    raise SupersessionCycle(nodes, sources)
