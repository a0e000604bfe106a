"""Which SPARQL engine serves /sparql: pyoxigraph or rdflib, measured on the same data and queries.

Usage: python bench/sparql_engines.py [--copies 1 25] [--repeat 5]

The data is the bundled graph's RDF (N-Quads, one named graph per source), and for larger sizes that
graph repeated under renamed IRIs. Each query runs in both engines over the union of the graphs;
the script checks that both give the same number of results, and prints the median time of each and
the ratio rdflib / pyoxigraph. Timings vary between machines; the ratio is the figure to read.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import pyoxigraph as ox  # noqa: E402
from rdflib import Dataset  # noqa: E402

from graph.cypher import QueryLibrary  # noqa: E402
from graph.rdf import build_dataset, serialize  # noqa: E402
from pledgegraph.pipeline import build_store  # noqa: E402
from pledgegraph.settings import BUNDLED_DATA, Settings  # noqa: E402
from pledgegraph.stores import kglite_reader  # noqa: E402
from schema import load_schema  # noqa: E402

PREFIX = (
    "PREFIX pg: <https://w3id.org/pledgegraph/vocab#>\nPREFIX prov: <http://www.w3.org/ns/prov#>\n"
)
QUERIES = {
    "one lab's drops": PREFIX
    + "SELECT ?c WHERE { <https://w3id.org/pledgegraph/id/lab/anthropic> pg:dropped ?c }",
    "drops with quote and source": PREFIX
    + """SELECT ?lab ?c ?quote ?source WHERE {
  ?st a <http://www.w3.org/1999/02/22-rdf-syntax-ns#Statement> ;
      <http://www.w3.org/1999/02/22-rdf-syntax-ns#predicate> pg:dropped ;
      <http://www.w3.org/1999/02/22-rdf-syntax-ns#subject> ?lab ;
      <http://www.w3.org/1999/02/22-rdf-syntax-ns#object> ?c ;
      pg:quote ?quote ; prov:wasDerivedFrom ?source }""",
    "statements per source": PREFIX
    + "SELECT ?source (COUNT(?st) AS ?n) WHERE { ?st prov:wasDerivedFrom ?source } GROUP BY ?source ORDER BY DESC(?n)",
}


def bundled_nquads() -> str:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "graph.kgl"
        build_store(path, Settings(data=BUNDLED_DATA, texts=None, store_path=path))
        store = kglite_reader(path, 60_000)
        schema = load_schema()
        return serialize(build_dataset(store, QueryLibrary(), schema), "nquads", schema)


def scaled(nquads: str, copies: int) -> str:
    """The graph repeated ``copies`` times, each copy's IRIs under its own base."""
    base = "https://w3id.org/pledgegraph/"
    parts = [nquads]
    for n in range(1, copies):
        parts.append(
            nquads.replace(f"<{base}id/", f"<{base}c{n}/id/").replace(
                f"<{base}graph/", f"<{base}c{n}/graph/"
            )
        )
    return "".join(parts)


def timed(run: Callable[[], int], repeat: int) -> tuple[float, int]:
    times, size = [], 0
    for _ in range(repeat):
        start = time.perf_counter()
        size = run()
        times.append(time.perf_counter() - start)
    return statistics.median(times), size


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, nargs="+", default=[1, 25])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    base = bundled_nquads()
    print("| quads | step | pyoxigraph (ms) | rdflib (ms) | rdflib / pyoxigraph |")
    print("|---:|---|---:|---:|---:|")
    for copies in args.copies:
        data = scaled(base, copies)
        ox_store = ox.Store()
        start = time.perf_counter()
        ox_store.bulk_load(data.encode(), format=ox.RdfFormat.N_QUADS)
        ox_load = time.perf_counter() - start
        start = time.perf_counter()
        rdflib_data = Dataset(default_union=True)
        rdflib_data.parse(data=data, format="nquads")
        rdflib_load = time.perf_counter() - start
        quads = len(ox_store)
        print(
            f"| {quads:,} | load | {ox_load * 1000:.2f} | {rdflib_load * 1000:.2f} | {rdflib_load / ox_load:.1f}x |"
        )
        for name, query in QUERIES.items():
            ox_time, ox_rows = timed(
                lambda q=query, s=ox_store: len(list(s.query(q, use_default_graph_as_union=True))),
                args.repeat,
            )
            rl_time, rl_rows = timed(
                lambda q=query, d=rdflib_data: len(list(d.query(q))), args.repeat
            )
            if ox_rows != rl_rows:
                print(f"engines disagree on {name!r}: {ox_rows} vs {rl_rows} rows", file=sys.stderr)
                return 1
            print(
                f"| {quads:,} | {name} ({ox_rows} rows) | {ox_time * 1000:.3f} | {rl_time * 1000:.3f} | {rl_time / ox_time:.0f}x |"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
