"""Parse: reading a data folder into statements in one process and in one per core, in one run.

    python -m bench.parse [--edges 1000000] [--workers CORES] [--work DIR]

Generates (or reuses, in ``--work``) synthetic data of the schema's shape (bench/synthetic.py), then
reads it through `read_dataset` twice, each in a fresh child process: with one parse process (the
baseline) and with ``--workers``. Prints seconds, the ratio to the baseline, and the peak resident
memory of the reading process and of its largest worker.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def child(folder: Path, workers: int) -> dict[str, float]:
    """Read ``folder`` with ``workers`` parse processes (one below 1,000 sources); seconds, the
    processes used and peaks (MB)."""
    from ingest.corpus import source_folders
    from ingest.parallel import wanted
    from pledgegraph.pipeline import read_dataset
    from pledgegraph.settings import Settings

    settings = Settings(data=folder / "data", texts=folder / "texts", parse_workers=workers)
    used = workers if wanted(len(source_folders(settings.data)), workers) else 1
    start = time.perf_counter()
    dataset = read_dataset(settings)
    seconds = time.perf_counter() - start
    return {
        "seconds": seconds,
        "processes": used,
        "statements": len(dataset.statements),
        "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "worker_peak_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
    }


def main() -> int:
    from pledgegraph.settings import usable_cores

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--edges", type=int, default=1_000_000)
    parser.add_argument("--workers", type=int, default=usable_cores())
    parser.add_argument("--work", type=Path, help="keep the generated data here (reused)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(Path(args.child[0]), int(args.child[1]))))
        return 0
    from bench.synthetic import generate

    with tempfile.TemporaryDirectory() as tmp:
        folder = (args.work or Path(tmp)) / f"parse-{args.edges}-{args.seed}"
        if not (folder / "data").is_dir():
            generate(folder, args.edges, args.seed)
        runs = {}
        for workers in (1, args.workers):
            done = subprocess.run(
                [sys.executable, "-m", "bench.parse", "--child", str(folder), str(workers)],
                cwd=ROOT,
                capture_output=True,
                text=True,
                check=True,
            )
            runs[workers] = json.loads(done.stdout.strip().splitlines()[-1])
    base = runs[1]["seconds"]
    print(f"{runs[1]['statements']:,.0f} statements, {args.edges:,} synthetic edges")
    print(
        "\n| parse processes | seconds | statements/s | time / one process | peak MB | largest worker MB |"
    )
    print("|---:|---:|---:|---:|---:|---:|")
    for run in runs.values():
        worker = f"{run['worker_peak_mb']:,.0f}" if run["processes"] > 1 else "-"
        print(
            f"| {run['processes']:.0f} | {run['seconds']:.1f} | {run['statements'] / run['seconds']:,.0f} | "
            f"{run['seconds'] / base:.2f}x | {run['peak_mb']:,.0f} | {worker} |"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
