"""Scale benchmark: load, canned queries, HTTP and RDF export at 10k to 1M statements, each figure
beside a baseline measured in the same run.

Usage: python bench/run.py [--scales 10k 100k 1m] [--work DIR] [--seed 1]
                           [--clients 32] [--http-seconds 10] [--query-repeat 200]

For each scale, a child process generates a synthetic data folder (bench/synthetic.py) and measures:

- parse: reading and checking the data folder through the real ingest path (YAML, entity
  resolution, validation, quote checks against the text archive, content hashes), in one process
  per core from 1,000 sources up (ingest/parallel.py), as `pledgegraph ingest` reads it;
- load: the loader (`load_dataset`) writing every node and statement into a new embedded store file,
  against the store's own raw rate: the same rows written by bare ``UNWIND ... CREATE`` statements
  (queries/bench/) into another new file, with no constraints, checks or MERGE;
- reload: loading the same data again (it must write nothing);
- queries: p50 and p99 latency of three canned queries (a lab's drops, a commitment's supersession
  history, pressure on a lab) over a sample of labs, through the store interface the API uses;
- export: Turtle and N-Triples of the whole store streamed to a file (read, build terms, serialise),
  against pyoxigraph serialising triples already built (the library alone, on up to 2M of the same
  triples) and, at scales up to 10k, rdflib serialising them;
- HTTP: a real uvicorn server (bench/http_app.py: the API plus a bare endpoint returning a constant)
  with concurrent keep-alive clients, first on the bare endpoint, then on ``/labs/{lab}/dropped``;
- peak memory (resident set) of each step: the child resets the kernel's high-water mark before
  each step; the server's is read at its end; for the parallel parse, the largest worker's too.

Nothing here asserts a time: it prints tables (Markdown) for BENCHMARKS.md, with the targets beside.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SCALES = {"1k": 1_000, "10k": 10_000, "100k": 100_000, "1m": 1_000_000}
QUERIES = ("lab_dropped", "commitment_history", "pressure")


# --- measuring ---------------------------------------------------------------------------------


def _status_kb(pid: int | str, field: str) -> int | None:
    try:
        text = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return None
    found = re.search(rf"^{field}:\s+(\d+) kB", text, re.M)
    return int(found.group(1)) if found else None


def _reset_peak() -> bool:
    """Reset this process's peak resident set (Linux); False where the kernel does not offer it."""
    try:
        Path("/proc/self/clear_refs").write_text("5")
        return True
    except OSError:
        return False


def timed(results: dict[str, Any], name: str, fn: Callable[[], Any]) -> Any:
    """Run ``fn``; record its seconds and the step's peak resident set in MB."""
    _reset_peak()
    workers_before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    value = fn()
    results[name] = {"seconds": time.perf_counter() - start}
    peak = _status_kb("self", "VmHWM")
    results[name]["peak_mb"] = peak / 1024 if peak else None
    # Worker processes the step started and waited for (the parallel parse): the largest one.
    workers_peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    if workers_peak > workers_before:
        results[name]["worker_peak_mb"] = workers_peak / 1024
    return value


def percentiles(samples: list[float]) -> dict[str, float]:
    ordered = sorted(samples)
    return {
        "p50": statistics.median(ordered) * 1000,
        "p99": ordered[max(0, int(len(ordered) * 0.99) - 1)] * 1000,
        "n": len(ordered),
    }


# --- one scale, in a child process ---------------------------------------------------------------


def raw_load(dataset: Any, path: Path) -> None:
    """The store's raw rate: the loader's rows, bare ``UNWIND ... CREATE``, into a new file."""
    from graph.cypher import QueryLibrary
    from graph.loader import _batches
    from pledgegraph.stores import kglite_writer

    queries = QueryLibrary()
    nodes = [{"id": e.id, "props": {"id": e.id, **e.properties}} for e in dataset.entities]
    edges = [
        {"from": s.source_id, "to": s.target_id, "id": s.id, "props": s.properties()}
        for s in dataset.statements
    ]
    with kglite_writer(path, timeout_ms=3_600_000) as store:
        store.write(
            [(queries["bench/raw_nodes"], {"rows": b}) for b in _batches(nodes)]
            + [(queries["bench/raw_edges"], {"rows": b}) for b in _batches(edges)]
        )


def real_load(dataset: Any, path: Path) -> Any:
    """The loader, as `pledgegraph ingest` runs it."""
    from graph.cypher import QueryLibrary
    from graph.loader import load_dataset
    from pledgegraph.stores import kglite_writer

    with kglite_writer(path, timeout_ms=3_600_000) as store:
        return load_dataset(store, QueryLibrary(), dataset)


BASELINE_SAMPLE = 2_000_000  # triples the library alone serialises


def run_scale(edges: int, work: Path, seed: int, repeat: int) -> dict[str, Any]:
    import pyoxigraph as ox

    from bench.synthetic import generate
    from graph.cypher import QueryLibrary
    from graph.rdf import RdfBuilder, write_export
    from ingest.parallel import wanted
    from pledgegraph.pipeline import read_dataset
    from pledgegraph.settings import Settings, usable_cores
    from pledgegraph.stores import kglite_reader
    from schema import load_schema

    out: dict[str, Any] = {"edges": edges}
    queries = QueryLibrary()
    schema = load_schema()
    folder = work / f"data-{edges}"
    shutil.rmtree(folder, ignore_errors=True)
    summary = timed(out, "generate", lambda: generate(folder, edges, seed))
    out["labs"], out["sources"] = summary.labs, summary.sources
    settings = Settings(data=folder / "data", texts=folder / "texts")
    dataset = timed(out, "parse", lambda: read_dataset(settings))
    workers = settings.parse_workers or usable_cores()
    out["parse_workers"] = workers if wanted(summary.sources, workers) else 1
    out["nodes"], out["statements"] = len(dataset.entities), len(dataset.statements)

    # Raw baseline: the same rows as the loader builds them, bare CREATE statements, new file.
    raw_path = folder / "raw.kgl"
    timed(out, "raw", partial(raw_load, dataset, raw_path))
    raw_path.unlink()
    store_path = folder / "store.kgl"
    out["load_report"] = str(timed(out, "load", partial(real_load, dataset, store_path)))
    out["reload_report"] = str(timed(out, "reload", partial(real_load, dataset, store_path)))
    del dataset

    # Canned queries, through the store interface the API uses.
    store = kglite_reader(store_path, 30_000)
    rng = random.Random(seed)
    labs = [f"lab-{rng.randrange(summary.labs)}" for _ in range(20)]
    params = {
        "lab_dropped": [{"lab": lab} for lab in labs],
        "commitment_history": [
            {"commitment": f"{lab}-c{3 * rng.randrange(8) + 1}"} for lab in labs
        ],
        "pressure": [{"target": lab} for lab in labs],
    }

    def run_queries() -> None:
        out["queries"] = {}
        for name in QUERIES:
            query = queries[name]
            rows = [len(store.read(query, p)) for p in params[name]]  # warm up
            samples = []
            for i in range(repeat):
                start = time.perf_counter()
                store.read(query, params[name][i % len(params[name])])
                samples.append(time.perf_counter() - start)
            out["queries"][name] = {**percentiles(samples), "rows": statistics.mean(rows)}

    timed(out, "query", run_queries)

    # Export: streamed from the store to a file, against the libraries serialising built terms.
    out["export"] = {}
    export_file = folder / "export.out"
    for fmt in ("turtle", "ntriples"):

        def export(fmt: str = fmt) -> int:
            with export_file.open("wb") as handle:
                return write_export(store, queries, schema, fmt, handle)

        triples = timed(out["export"], fmt, export)
        out["export"][fmt]["triples"] = triples
        out["export"][fmt]["bytes"] = export_file.stat().st_size
    # The library alone on a sample of the same triples, built first (all of them, at 1M
    # statements, would not fit in memory as pyoxigraph terms): its rate per triple is the same.
    builder = RdfBuilder(schema)
    for row in store.read(queries["read/all_nodes"]):
        builder.add_node(row)
        if len(builder.quads) >= BASELINE_SAMPLE:
            break
    for row in store.read(queries["read/all_statements"]):
        if len(builder.quads) >= BASELINE_SAMPLE:
            break
        builder.add_statement(row)
    built = list(builder.triples())
    prefixes = builder.prefixes
    for fmt, ox_format in (("turtle", ox.RdfFormat.TURTLE), ("ntriples", ox.RdfFormat.N_TRIPLES)):
        with export_file.open("wb") as handle:
            start = time.perf_counter()
            ox.serialize(
                built, handle, format=ox_format, prefixes=prefixes if fmt == "turtle" else None
            )
            out["export"][fmt]["pyoxigraph_seconds"] = time.perf_counter() - start
            out["export"][fmt]["pyoxigraph_triples"] = len(built)
        if edges <= 10_000:
            graph = builder.union()
            start = time.perf_counter()
            graph.serialize(format="turtle" if fmt == "turtle" else "nt")
            out["export"][fmt]["rdflib_seconds"] = time.perf_counter() - start
            out["export"][fmt]["rdflib_triples"] = len(graph)
    del built, builder
    export_file.unlink()
    out["sample_labs"] = labs
    out["store_path"] = str(store_path)
    return out


# --- HTTP, from the parent ---------------------------------------------------------------------


def run_http(store_path: str, labs: list[str], clients: int, seconds: float) -> dict[str, Any]:
    from bench.load import phase, running_server

    env = {**os.environ, "PLEDGEGRAPH_STORE_PATH": store_path}
    app = ["uvicorn", "bench.http_app:make_app", "--factory", "--timeout-keep-alive", "30"]
    with running_server(app, env, "/bench/constant") as (base, server):
        bare = asyncio.run(phase(base, ["/bench/constant"], clients, seconds))
        api = asyncio.run(phase(base, [f"/labs/{lab}/dropped" for lab in labs], clients, seconds))
        peak = _status_kb(server.pid, "VmHWM")
    return {"bare": bare, "api": api, "server_peak_mb": peak / 1024 if peak else None}


# --- report ------------------------------------------------------------------------------------


def _rate(count: float, seconds: float) -> str:
    return f"{count / seconds:,.0f}" if seconds else "-"


def report(results: list[dict[str, Any]], clients: int) -> str:
    lines = [
        "## Load (statements per second; target: load >= 50% of raw; 1M from the data folder to "
        "the store, parse + load, in < 60 s)",
        "",
    ]
    lines += [
        "| statements | nodes | parse processes | parse (s) | parse + load (s) | raw (s) | load (s) | load rate | raw rate | load / raw | reload (s) |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        n = r["statements"]
        lines.append(
            f"| {n:,} | {r['nodes']:,} | {r.get('parse_workers', 1)} | "
            f"{r['parse']['seconds']:.1f} | {r['parse']['seconds'] + r['load']['seconds']:.1f} | "
            f"{r['raw']['seconds']:.2f} | "
            f"{r['load']['seconds']:.2f} | {_rate(n, r['load']['seconds'])} | "
            f"{_rate(n, r['raw']['seconds'])} | {r['raw']['seconds'] / r['load']['seconds']:.0%} | "
            f"{r['reload']['seconds']:.2f} |"
        )
    first = results[0]["queries"]
    lines += [
        "",
        f"## Canned queries (ms; target: p99 < 20 ms at 1M, within 2x of the {results[0]['statements']:,} scale)",
        "",
        "| statements | query | rows | p50 | p99 | p99 / smallest scale's p99 |",
        "|---:|---|---:|---:|---:|---:|",
    ]
    for r in results:
        for name, q in r["queries"].items():
            lines.append(
                f"| {r['statements']:,} | {name} | {q['rows']:.1f} | {q['p50']:.2f} | "
                f"{q['p99']:.2f} | {q['p99'] / first[name]['p99']:.2f}x |"
            )
    lines += [
        "",
        f"## HTTP (real uvicorn server, one worker, {clients} concurrent clients on the same machine; "
        "target: >= 50% of the bare rate)",
        "",
        "| statements | endpoint | requests/s | p50 (ms) | p99 (ms) | errors | rate / bare rate |",
        "|---:|---|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        h = r["http"]
        for name, label in (("bare", "bare constant"), ("api", "/labs/{lab}/dropped")):
            lines.append(
                f"| {r['statements']:,} | {label} | {h[name]['rps']:,.0f} | {h[name]['p50']:.1f} | "
                f"{h[name]['p99']:.1f} | {h[name]['errors']} | {h[name]['rps'] / h['bare']['rps']:.0%} |"
            )
    lines += [
        "",
        "## RDF export (triples per second; targets: N-Triples >= 1M/s, Turtle >= 500k/s)",
        "",
        "| statements | format | triples | export (s) | export rate | pyoxigraph alone | export / pyoxigraph | rdflib |",
        "|---:|---|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        for fmt, e in r["export"].items():
            ours = e["triples"] / e["seconds"]
            lib = e["pyoxigraph_triples"] / e["pyoxigraph_seconds"]
            rdflib = (
                f"{e['rdflib_triples'] / e['rdflib_seconds']:,.0f}"
                if "rdflib_seconds" in e
                else "-"
            )
            lines.append(
                f"| {r['statements']:,} | {fmt} | {e['triples']:,} | {e['seconds']:.2f} | "
                f"{ours:,.0f} | {lib:,.0f} | {ours / lib:.0%} | {rdflib} |"
            )
    lines += [
        "",
        "## Peak memory (resident set, MB)",
        "",
        "| statements | parse (workers: the largest) | raw | load | reload | queries | export | server (HTTP) |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        export_peak = max(e.get("peak_mb") or 0 for e in r["export"].values())

        def mb(value: float | None) -> str:
            return f"{value:,.0f}" if value else "-"

        parse = mb(r["parse"]["peak_mb"])
        if r["parse"].get("worker_peak_mb"):
            parse += f" (+ {r['parse_workers']} x {mb(r['parse']['worker_peak_mb'])})"
        lines.append(
            f"| {r['statements']:,} | {parse} | {mb(r['raw']['peak_mb'])} | "
            f"{mb(r['load']['peak_mb'])} | {mb(r['reload']['peak_mb'])} | "
            f"{mb(r['query']['peak_mb'])} | {mb(export_peak)} | {mb(r['http']['server_peak_mb'])} |"
        )
    return "\n".join(lines) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scales", nargs="+", default=["10k", "100k", "1m"], choices=SCALES)
    parser.add_argument("--work", type=Path, help="working folder (default: a temporary one)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--clients", type=int, default=32)
    parser.add_argument("--http-seconds", type=float, default=10)
    parser.add_argument("--query-repeat", type=int, default=200)
    parser.add_argument("--json", type=Path, help="also write the raw results here")
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(run_scale(args.child, args.work, args.seed, args.query_repeat)))
        return 0
    results = []
    with tempfile.TemporaryDirectory(dir=args.work) as tmp:
        for scale in args.scales:
            print(f"scale {scale}: measuring...", file=sys.stderr, flush=True)
            child = subprocess.run(
                [
                    sys.executable,
                    __file__,
                    "--child",
                    str(SCALES[scale]),
                    "--work",
                    tmp,
                    "--seed",
                    str(args.seed),
                    "--query-repeat",
                    str(args.query_repeat),
                ],
                cwd=ROOT,
                capture_output=True,
                text=True,
                check=False,
            )
            if child.returncode != 0:
                print(f"scale {scale} failed:\n{child.stderr}", file=sys.stderr)
                failed = True
                break  # the scales measured so far are still reported
            result = json.loads(child.stdout.strip().splitlines()[-1])
            result["http"] = run_http(
                result["store_path"], result["sample_labs"], args.clients, args.http_seconds
            )
            results.append(result)
            if args.json:
                args.json.write_text(json.dumps(results, indent=2))
            print(f"scale {scale}: done", file=sys.stderr, flush=True)
        else:
            failed = False
    if results:
        print(f"python {sys.version.split()[0]}, {os.cpu_count()} cores")
        print(report(results, args.clients))
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
