"""Kill -9 a load of the embedded store at random moments, again and again, and check the store.

Usage: python scripts/kill_during_load.py [--runs 50] [--size 40000] [--seed 1]

The store starts with the bundled data. Each run starts a child process that loads the bundled data
plus a bulk source of ``--size`` synthetic statements (two versions that differ in every statement,
loaded in turn), and kills it with SIGKILL at a random moment of its life: while it starts, while
the transaction writes, or after it committed. After every kill the store is opened as the loader
opens it (which recovers its write-ahead log) and as the server reads it, and must hold exactly the
graph before the load or exactly the graph after it: never a mix, never a store that does not open.
Exit status 0 when every run held; the summary says in which phase the kills landed.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import pickle
import random
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import kglite  # noqa: E402

from graph.cypher import QueryLibrary  # noqa: E402
from graph.kglite_store import KgliteStore  # noqa: E402
from graph.loader import load_dataset  # noqa: E402
from pledgegraph.pipeline import read_dataset  # noqa: E402
from pledgegraph.settings import BUNDLED_DATA, Settings  # noqa: E402
from pledgegraph.stores import kglite_writer  # noqa: E402
from schema.records import Dataset, EntityRecord, StatementRecord  # noqa: E402


def datasets(size: int) -> dict[str, Dataset]:
    """The bundled data, and two versions of it with a bulk source of ``size`` statements."""
    base = read_dataset(Settings(data=BUNDLED_DATA, texts=None))
    out = {"base": base}
    commitments = [
        EntityRecord(
            kind="Commitment",
            id=f"bulk-commitment-{i}",
            properties={"name": f"Bulk commitment {i}", "text": "A synthetic commitment."},
        )
        for i in range(size)
    ]
    source = EntityRecord(
        kind="Source",
        id="bulk-source",
        properties={"name": "Bulk source", "publisher": "pledgegraph tests", "archived": False},
    )
    for version, year in (("one", 2020), ("two", 2021)):
        statements = [
            StatementRecord(
                "MADE",
                "anthropic",
                c.id,
                {"date": f"{year}-01-01"},
                {"source": "bulk-source", "quote": f"bulk quote {i}", "verified": False},
            )
            for i, c in enumerate(commitments)
        ]
        out[version] = Dataset(
            entities=[*base.entities, *commitments, source],
            statements=[*base.statements, *statements],
            sources=[*base.sources, "bulk-source"],
        )
    return out


def state(store: KgliteStore, queries: QueryLibrary) -> str:
    """A digest of everything the store holds."""
    nodes = sorted(r["id"] for r in store.read(queries["read/all_nodes"]))
    statements = sorted(
        str(r["properties"]["id"]) for r in store.read(queries["read/all_statements"])
    )
    return hashlib.sha256("\n".join([*nodes, "--", *statements]).encode()).hexdigest()[:16]


def child(path: Path, data: Path) -> None:
    dataset = pickle.loads(data.read_bytes())
    with kglite_writer(path) as store:
        print("writing", flush=True)
        load_dataset(store, QueryLibrary(), dataset)
        print("committed", flush=True)
    print("closed", flush=True)


def read_back(path: Path, queries: QueryLibrary) -> tuple[str, str]:
    """The store as the loader opens it (log recovered), then as the server loads it."""
    graph = kglite.open(str(path))
    try:
        opened = state(KgliteStore(graph), queries)
    finally:
        graph.close()
    loaded = state(KgliteStore(kglite.load(str(path))), queries)
    return opened, loaded


def run_child(path: Path, data: Path, kill_after: float | None) -> str:
    """Start a loader; kill it after ``kill_after`` seconds (None: let it finish). Returns the
    last phase it reported."""
    proc = subprocess.Popen(
        [sys.executable, __file__, "--child", str(path), str(data)],
        stdout=subprocess.PIPE,
        text=True,
    )
    if kill_after is None:
        out, _ = proc.communicate(timeout=600)
        assert proc.returncode == 0, f"the loader failed: {out}"
        return "closed"
    time.sleep(kill_after)
    os.kill(proc.pid, signal.SIGKILL)
    out, _ = proc.communicate(timeout=60)
    lines = out.split()
    return lines[-1] if lines else "starting"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=50)
    parser.add_argument("--size", type=int, default=40_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--child", nargs=2, metavar=("STORE", "DATA"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(Path(args.child[0]), Path(args.child[1]))
        return 0
    rng = random.Random(args.seed)
    queries = QueryLibrary()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        path = work / "graph.kgl"
        files = {}
        for name, dataset in datasets(args.size).items():
            files[name] = work / f"{name}.pickle"
            files[name].write_bytes(pickle.dumps(dataset))
        known: dict[str, str] = {}
        for name in ("one", "two"):  # the final state of each load, from clean stores
            scratch = work / f"{name}.kgl"
            run_child(scratch, files[name], None)
            known[name] = read_back(scratch, queries)[0]
        run_child(path, files["base"], None)
        start = time.perf_counter()  # a whole load on this store, to spread the kills over
        run_child(path, files["one"], None)
        full = time.perf_counter() - start
        assert read_back(path, queries)[0] == known["one"]
        current = "one"
        phases: dict[str, int] = {}
        failures = 0
        print(f"a full load takes {full:.2f} s; {args.runs} runs, kills at random moments in it")
        for run in range(1, args.runs + 1):
            target = "two" if current == "one" else "one"
            phase = run_child(path, files[target], rng.uniform(0.05, full * 2.0))
            phases[phase] = phases.get(phase, 0) + 1
            opened, loaded = read_back(path, queries)
            allowed = {known[current], known[target]}
            ok = opened in allowed and loaded == opened
            if not ok:
                failures += 1
                print(
                    f"run {run}: MIXED or unreadable store after a kill while {phase}",
                    file=sys.stderr,
                )
            current = target if opened == known[target] else current
            print(
                f"run {run:>3}: killed while {phase:<9} -> store holds the {'new' if current == target else 'old'} graph{'' if ok else '  FAIL'}"
            )
        summary = ", ".join(f"{n} {p}" for p, n in sorted(phases.items()))
        print(
            f"{args.runs - failures} of {args.runs} runs left the old or the new graph, whole ({summary})"
        )
        return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
