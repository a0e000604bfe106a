"""The benchmark scripts run (at their smallest size); their timings are never asserted."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import Neo4jServer

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


def test_the_scale_benchmark_runs_at_its_smallest_scale(tmp_path: Path) -> None:
    results = tmp_path / "results.json"
    done = subprocess.run(
        [
            sys.executable,
            str(ROOT / "bench" / "run.py"),
            "--scales",
            "1k",
            "--http-seconds",
            "1",
            "--clients",
            "4",
            "--query-repeat",
            "5",
            "--work",
            str(tmp_path),
            "--json",
            str(results),
        ],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    for table in ("## Load", "## Canned queries", "## HTTP", "## RDF export", "## Peak memory"):
        assert table in done.stdout
    (scale,) = json.loads(results.read_text())
    assert scale["statements"] == 1_000
    assert "0 removed, 1000 unchanged" in scale["reload_report"]  # loading again writes nothing
    assert scale["http"]["api"]["errors"] == 0 and scale["http"]["bare"]["errors"] == 0
    assert {q: r["rows"] > 0 for q, r in scale["queries"].items()} == dict.fromkeys(
        ("lab_dropped", "commitment_history", "pressure"), True
    )


def test_the_parse_benchmark_runs(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "bench.parse", "--edges", "2000", "--work", str(tmp_path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "| parse processes | seconds |" in done.stdout and "| 1 |" in done.stdout


def test_the_extraction_score_runs() -> None:
    done = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "extract_eval.py"), "--details"],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert "## Held-out test articles" in out and "| **all facts** |" in out
    assert "spaCy's pipeline and matcher alone" in out


def test_the_store_comparison_runs_at_its_smallest_scale(
    neo4j_server: Neo4jServer, tmp_path: Path
) -> None:
    """kglite beside the test Neo4j (emptied before and after, as the Neo4j tests do)."""
    results = tmp_path / "stores.json"
    done = subprocess.run(
        [
            sys.executable,
            str(ROOT / "bench" / "stores.py"),
            *("--scales", "1k", "--repeat", "3", "--work", str(tmp_path), "--json", str(results)),
        ],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
        env={**os.environ, **neo4j_server.environment()},
    )
    assert done.returncode == 0, done.stderr
    assert "| statements | store | load |" in done.stdout and "Neo4j / kglite" in done.stdout
    (scale,) = json.loads(results.read_text())
    for store in ("kglite", "neo4j"):
        assert {q: r["rows"] for q, r in scale[store]["queries"].items()} == {
            q: r["rows"] for q, r in scale["kglite"]["queries"].items()
        }, "the two stores answered the same questions differently"


WRK_OUTPUT = """\
Running 5s test @ http://127.0.0.1:33841/timeline?lab=anthropic
  2 threads and 100 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency     1.34s   281.22ms   1.78s    61.41%
    Req/Sec    95.19    132.39   450.00     81.48%
  Latency Distribution
     50%    1.21s~
     75%    1.69s~
     90%    1.75s~
     99%  780.50us
  311 requests in 5.02s, 17.58MB read
  Socket errors: connect 0, read 2, write 0, timeout 3
  Non-2xx or 3xx responses: 4
Requests/sec:     61.98
Transfer/sec:      3.50MB
""".replace("~", " ")  # wrk ends some latency lines with a space


def test_the_http_benchmark_reads_wrk_output() -> None:
    """The wrk benchmark's parser and report (the load run itself needs wrk and a free machine)."""
    import argparse

    from bench.http_wrk import Results, parse_wrk, report

    run = parse_wrk("/timeline", WRK_OUTPUT)
    assert (run.rate, run.p50_ms, run.p99_ms, run.errors) == (61.98, 1210.0, 0.7805, 9)
    none = parse_wrk("/page", "Requests/sec:      0.00\n")  # nothing finished: no distribution
    assert none.rate == 0 and none.p99_ms != none.p99_ms
    args = argparse.Namespace(threads=2, connections=100, seconds=10, workers=2)
    results = Results(
        minimal=run,
        bare=run,
        ratios=[0.9, 1.0, 1.1],
        one_worker_mix=run,
        uncached=[run, run],
        minimal_shipped=run,
        shipped=[run, none, run, run, run],
        faults="reload 200: 4",
    )
    text = report(results, args)
    assert "| pledgegraph, 2 workers (default) | /page | 0 | nan | nan | 0 | 0% |" in text
    assert "| pledgegraph, 1 worker, answer cache off | /timeline | 62 |" in text
    assert "endpoints with p99 >= 250 ms (2 workers): /page" in text
    assert "the median of 3 rounds, range 90%-110%); 2 workers each: 100%" in text
    assert "API mix, answer cache on / off (one worker): 1.0x" in text
    assert "API mix, 2 workers / one worker: 1.00x (bare /healthz: 1.00x)" in text
    assert "under faults: 1.00x the API mix's rate, p99 0.8 ms, 9 failed; reload 200: 4" in text
