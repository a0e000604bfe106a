"""The two stores side by side: the same load and the same canned queries on kglite and on Neo4j.

Usage: python bench/stores.py [--scales 10k 100k] [--repeat 200] [--work DIR] [--json FILE]

For each scale, synthetic data (bench/synthetic.py) is read once through the real ingest path,
then loaded by the same loader (`load_dataset`) into a new embedded store file and into an empty
Neo4j database, loaded again (a no-op), and queried: p50 and p99 of each canned question over a
sample of labs and commitments, through the store interface the API uses (kglite in process; Neo4j
over Bolt through the official driver, on this machine). Neo4j is the one PLEDGEGRAPH_NEO4J_URI
names (it is emptied first: a scratch database only), or a local Neo4j Community started here
(scripts/neo4j/, Java 17+ and Maven).

kglite is the baseline measured in the same run: each Neo4j figure comes with its ratio to it.
Nothing is asserted; the tables are for BENCHMARKS.md.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SCALES = {"1k": 1_000, "10k": 10_000, "100k": 100_000}
QUESTIONS = (
    "lab",
    "lab_dropped",
    "lab_commitments",
    "commitment_history",
    "pressure",
    "timeline",
    "entity_statements",
)


def percentiles(samples: list[float]) -> dict[str, float]:
    ordered = sorted(samples)
    return {
        "p50_ms": 1000 * statistics.median(ordered),
        "p99_ms": 1000 * ordered[min(len(ordered) - 1, int(0.99 * len(ordered)))],
    }


@contextmanager
def neo4j_settings(data: Path) -> Iterator[Any]:
    """Settings for the Neo4j to measure: the configured one, or a local one started here."""
    from pledgegraph.settings import Settings
    from scripts.neo4j.local_neo4j import LocalNeo4j

    if os.environ.get("PLEDGEGRAPH_NEO4J_URI"):
        yield Settings(store="neo4j", data=data, texts=None)
        return
    # A load is one transaction, which Neo4j lets use up to 70% of its heap: 100k statements
    # need more than the 1 GB the tests give it.
    with LocalNeo4j(heap="4g") as server:
        yield Settings(
            store="neo4j",
            data=data,
            texts=None,
            neo4j_uri=server.bolt_uri,
            neo4j_user=server.user,
            neo4j_password=server.password,
            neo4j_database="neo4j",
        )


def sample_params(labs: int, seed: int) -> dict[str, list[dict[str, Any]]]:
    rng = random.Random(seed)
    sample = [f"lab-{rng.randrange(labs)}" for _ in range(20)]
    return {
        "lab": [{"lab": lab} for lab in sample],
        "lab_dropped": [{"lab": lab} for lab in sample],
        "lab_commitments": [{"lab": lab} for lab in sample],
        "commitment_history": [
            {"commitment": f"{lab}-c{3 * rng.randrange(8) + 1}"} for lab in sample
        ],
        "pressure": [{"target": lab} for lab in sample],
        "timeline": [{"lab": lab} for lab in sample],
        "entity_statements": [{"id": lab} for lab in sample],
    }


def measure_queries(
    read: Callable[[Any, dict[str, Any]], list[Any]],
    queries: Any,
    params: dict[str, list[dict[str, Any]]],
    repeat: int,
) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name in QUESTIONS:
        query = queries[name]
        rows = [len(read(query, p)) for p in params[name]]  # warm-up: plans, caches
        samples = []
        for i in range(repeat):
            start = time.perf_counter()
            read(query, params[name][i % len(params[name])])
            samples.append(time.perf_counter() - start)
        out[name] = {**percentiles(samples), "rows": statistics.mean(rows)}
    return out


def run_scale(edges: int, work: Path, seed: int, repeat: int, settings: Any) -> dict[str, Any]:
    from bench.synthetic import generate
    from graph.cypher import QueryLibrary
    from graph.loader import load_dataset
    from pledgegraph.pipeline import read_dataset
    from pledgegraph.settings import Settings
    from pledgegraph.stores import kglite_reader, kglite_writer, neo4j_store

    queries = QueryLibrary()
    folder = work / f"data-{edges}"
    shutil.rmtree(folder, ignore_errors=True)
    summary = generate(folder, edges, seed)
    dataset = read_dataset(Settings(data=folder / "data", texts=folder / "texts"))
    out: dict[str, Any] = {"edges": edges, "statements": len(dataset.statements)}
    params = sample_params(summary.labs, seed)

    store_path = folder / "store.kgl"
    kglite: dict[str, Any] = {}
    for step in ("load", "reload"):
        start = time.perf_counter()
        with kglite_writer(store_path, 3_600_000) as store:
            load_dataset(store, queries, dataset)
        kglite[f"{step}_s"] = time.perf_counter() - start
    reader = kglite_reader(store_path, 30_000)
    kglite["queries"] = measure_queries(reader.read, queries, params, repeat)
    out["kglite"] = kglite

    neo4j: dict[str, Any] = {}
    with neo4j_store(settings.model_copy(update={"write_timeout_ms": 3_600_000})) as store:
        store.write([(queries["load/delete_all"], {})])
        for step in ("load", "reload"):
            start = time.perf_counter()
            load_dataset(store, queries, dataset)
            neo4j[f"{step}_s"] = time.perf_counter() - start
        neo4j["queries"] = measure_queries(store.read, queries, params, repeat)
        store.write([(queries["load/delete_all"], {})])
        neo4j["version"] = store.driver.get_server_info().agent
    out["neo4j"] = neo4j
    shutil.rmtree(folder, ignore_errors=True)
    return out


def report(results: list[dict[str, Any]]) -> str:
    lines = [
        f"Neo4j: {results[0]['neo4j']['version']} (Bolt on this machine); kglite in process.",
        "",
    ]
    lines += [
        "| statements | store | load | statements/s | reload (no-op) | Neo4j / kglite (load) |",
        "|---:|---|---:|---:|---:|---:|",
    ]
    for r in results:
        n = r["statements"]
        for name in ("kglite", "neo4j"):
            s = r[name]
            ratio = f"{s['load_s'] / r['kglite']['load_s']:.2f}x" if name == "neo4j" else "1.00x"
            lines.append(
                f"| {n:,} | {name} | {s['load_s']:.2f} s | {n / s['load_s']:,.0f} | "
                f"{s['reload_s']:.2f} s | {ratio} |"
            )
    lines += [
        "",
        "| statements | query | rows | kglite p50 | kglite p99 | Neo4j p50 | Neo4j p99 | Neo4j / kglite (p50) |",
        "|---:|---|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        for name in QUESTIONS:
            k, n = r["kglite"]["queries"][name], r["neo4j"]["queries"][name]
            lines.append(
                f"| {r['statements']:,} | {name} | {k['rows']:.1f} | {k['p50_ms']:.2f} ms | "
                f"{k['p99_ms']:.2f} ms | {n['p50_ms']:.2f} ms | {n['p99_ms']:.2f} ms | "
                f"{n['p50_ms'] / k['p50_ms']:.2f}x |"
            )
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scales", nargs="+", default=["10k", "100k"], choices=SCALES)
    parser.add_argument("--repeat", type=int, default=200)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--work", type=Path)
    parser.add_argument("--json", type=Path, help="also write the raw results here")
    args = parser.parse_args()
    work = args.work or Path(tempfile.mkdtemp(prefix="pledgegraph-stores-"))
    results = []
    with neo4j_settings(work) as settings:
        for scale in args.scales:
            print(f"scale {scale}: load and query on kglite and Neo4j", file=sys.stderr)
            results.append(run_scale(SCALES[scale], work, args.seed, args.repeat, settings))
    print(report(results))
    if args.json:
        args.json.write_text(json.dumps(results, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
