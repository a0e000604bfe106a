"""Coverage of the graph: what it holds per lab and per edge type, and where its evidence is thin."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

from graph.counts import organisation_counts
from graph.cypher import QueryLibrary
from graph.markers import marked_block, replace_marked_block
from graph.store import GraphStore
from schema import Schema

LAB_COLUMNS = ("made", "dropped", "weakened", "breached", "fulfilled", "pressured")
# Per organisation taking part in dated events: how many, and of which kinds (graph/counts.py).
ORG_COLUMNS = (
    "events", "made", "signed", "declined", "dropped", "breached", "fulfilled", "pressured", "pressed", "rated",
)  # fmt: skip
EDGE_COLUMNS = ("statements", "verified", "unverified")


@dataclass
class Coverage:
    nodes: int
    statements: int
    sources: int
    archived_sources: int
    labs: dict[str, dict[str, int]] = field(default_factory=dict)
    events: int = 0  # dated events
    all_events: int = 0  # every event, undated facts (a lab's undated pledge, a role) included
    organisations: dict[str, dict[str, int]] = field(default_factory=dict)
    edges: dict[str, dict[str, int]] = field(default_factory=dict)
    unverified: list[dict[str, Any]] = field(default_factory=list)
    imprecise_dates: list[dict[str, Any]] = field(default_factory=list)
    sources_without_page: list[dict[str, Any]] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {
            "nodes": self.nodes,
            "statements": self.statements,
            "sources": self.sources,
            "archived_sources": self.archived_sources,
            "labs": self.labs,
            "events": self.events,
            "all_events": self.all_events,
            "organisations": self.organisations,
            "edges": self.edges,
            "unverified": self.unverified,
            "imprecise_dates": self.imprecise_dates,
            "sources_without_page": self.sources_without_page,
        }

    def summary(self) -> str:
        return (
            f"{self.all_events} events ({self.events} dated) across {len(self.organisations)} labs and "
            f"organisations; {self.statements} statements from {self.sources} sources"
        )

    def markdown(self) -> str:
        """The coverage table of the README: each lab or organisation in dated facts."""
        head = ["lab or organisation", *ORG_COLUMNS]
        out = [
            self.summary() + ".",
            "",
            "| " + " | ".join(head) + " |",
            "|---|" + "---:|" * len(ORG_COLUMNS),
        ]
        for org, counts in self.organisations.items():
            out.append(f"| {org} | " + " | ".join(str(counts[c]) for c in ORG_COLUMNS) + " |")
        return "\n".join(out) + "\n"

    def text(self) -> str:
        """A plain-text report, as `pledgegraph stats` prints it."""
        out = [
            f"{self.nodes} nodes, {self.statements} statements, {self.sources} sources "
            f"({self.archived_sources} with archived text)",
            self.summary(),
            "",
        ]
        width = max([len(lab) for lab in self.labs] + [len(e) for e in self.edges] + [13]) + 2
        out.append(f"{'per lab':<{width}}" + "".join(f"{c:>10}" for c in LAB_COLUMNS))
        for lab, counts in self.labs.items():
            out.append(f"  {lab:<{width - 2}}" + "".join(f"{counts[c]:>10}" for c in LAB_COLUMNS))
        out += ["", f"{'per edge type':<{width}}" + "".join(f"{c:>12}" for c in EDGE_COLUMNS)]
        for edge, counts in self.edges.items():
            out.append(f"  {edge:<{width - 2}}" + "".join(f"{counts[c]:>12}" for c in EDGE_COLUMNS))
        by_source = Counter(s["source"] for s in self.unverified)
        out += [
            "",
            f"facts without a verified quote: {len(self.unverified)} statement(s), from "
            f"{len(by_source)} source(s) whose text is not archived",
        ]
        out += [f"  {source}: {n}" for source, n in sorted(by_source.items())]
        precision = Counter(s["date_precision"] for s in self.imprecise_dates)
        out += [
            "",
            f"dates with low precision: {len(self.imprecise_dates)} statement(s) "
            + "("
            + ", ".join(f"{k}: {v}" for k, v in sorted(precision.items()))
            + ")",
        ]
        out += [
            f"  {s['date']} ({s['date_precision']}) {s['edge']} {s['from']} -> {s['to']} [{s['source']}]"
            for s in self.imprecise_dates
        ]
        out += [
            "",
            f"sources without the address of the page itself: {len(self.sources_without_page)}",
        ]
        out += [
            f"  {s['id']}: {s['url'] or 'no address'} ({s['url_scope'] or 'none'})"
            for s in self.sources_without_page
        ]
        return "\n".join(out) + "\n"


def coverage(store: GraphStore, queries: QueryLibrary, schema: Schema) -> Coverage:
    """Count what the store holds and list its unverified, imprecise and unlocated evidence."""
    nodes = store.read(queries["read/all_nodes"])
    statements = store.read(queries["read/all_statements"])
    kind = {n["id"]: schema.node_type_of(n["labels"]).name for n in nodes}
    sources = [n for n in nodes if kind[n["id"]] == "Source"]
    report = Coverage(
        nodes=len(nodes),
        statements=len(statements),
        sources=len(sources),
        archived_sources=sum(1 for s in sources if s["properties"].get("archived")),
    )
    edges: dict[str, Counter[str]] = defaultdict(Counter)
    for st in statements:
        props, edge = st["properties"], st["edge"]
        edges[edge]["statements"] += 1
        edges[edge]["verified" if props.get("verified") else "unverified"] += 1
        row = {
            "edge": edge,
            "from": st["from"],
            "to": st["to"],
            "source": props.get("source"),
            "statement": props.get("id"),
        }
        if not props.get("verified"):
            report.unverified.append(row)
        if props.get("date") is not None and props.get("date_precision") not in (None, "day"):
            report.imprecise_dates.append(
                {
                    **row,
                    "date": props["date"].isoformat(),
                    "date_precision": props["date_precision"],
                }
            )
    counts = organisation_counts(store, queries)
    report.labs = {
        org: {c: row[c] for c in LAB_COLUMNS} for org, row in sorted(counts.items()) if row["lab"]
    }
    report.organisations = {
        org: {c: counts[org][c] for c in ORG_COLUMNS}
        for org in sorted(counts, key=lambda o: (-counts[o]["events"], o))
        if counts[org]["events"]
    }
    counted = [
        st["properties"] for st in statements if st["properties"].get("rank") != "deprecated"
    ]
    report.events = len({p["event"] for p in counted if p.get("date") is not None})
    report.all_events = len({p["event"] for p in counted})
    report.edges = {
        edge: {k: counts[k] for k in EDGE_COLUMNS} for edge, counts in sorted(edges.items())
    }
    report.imprecise_dates.sort(key=lambda s: (s["date"], s["edge"], s["from"], s["to"]))
    report.sources_without_page = [
        {
            "id": s["id"],
            "url": s["properties"].get("url"),
            "url_scope": s["properties"].get("url_scope"),
        }
        for s in sources
        if not s["properties"].get("url") or s["properties"].get("url_scope") == "site"
    ]
    return report


def coverage_block(text: str) -> str | None:
    """The coverage table between the README's markers, or None when there are no markers."""
    return marked_block(text, "coverage")


def replace_coverage_block(text: str, table: str) -> str:
    """``text`` with ``table`` between its coverage markers."""
    return replace_marked_block(text, "coverage", table)
