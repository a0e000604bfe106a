"""The benchmark scripts run (at their smallest size); their timings are never asserted."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_the_sparql_engine_benchmark_runs() -> None:
    done = subprocess.run(
        [
            sys.executable,
            str(ROOT / "bench" / "sparql_engines.py"),
            "--copies",
            "1",
            "--repeat",
            "1",
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "| load |" in done.stdout and "rdflib / pyoxigraph" in done.stdout
