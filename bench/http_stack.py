"""What uvicorn's standard extras buy: the minimal FastAPI app under each event loop and HTTP parser.

    python -m bench.http_stack [--seconds 8] [--connections 100] [--threads 2]

The minimal app (bench/minimal_app.py, one ``/healthz`` as a plain function and one as a
coroutine) served by uvicorn, one worker, with asyncio or uvloop and h11 or httptools, each driven
by wrk in turn; every rate is shown beside the first combination's (asyncio, h11, plain function),
measured in the same run. Access logs are off here (`pledgegraph serve` keeps them).
"""

from __future__ import annotations

import argparse
import importlib.util

from bench.http_wrk import Run, ensure_wrk, wrk
from bench.load import running_server

COMBINATIONS = (
    ("asyncio", "h11"),
    ("uvloop", "h11"),
    ("asyncio", "httptools"),
    ("uvloop", "httptools"),
)
ENDPOINTS = (("/healthz-sync", "plain function"), ("/healthz", "coroutine"))


def serve_one(loop: str, http: str, port: int) -> None:
    """Run the minimal app (both endpoints) with ``loop`` and ``http`` on ``port``."""
    import uvicorn

    from bench.minimal_app import Health, make_app

    app = make_app()

    @app.get("/healthz-sync", response_model=Health)
    def healthz_sync() -> Health:
        return Health(status="ok")

    uvicorn.run(app, port=port, loop=loop, http=http, log_level="warning")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=int, default=8)
    parser.add_argument("--connections", type=int, default=100)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--serve", nargs=2, metavar=("LOOP", "HTTP"), help=argparse.SUPPRESS)
    parser.add_argument("--port", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve:
        serve_one(*args.serve, args.port)
        return
    binary = ensure_wrk()
    combinations = COMBINATIONS
    if importlib.util.find_spec("uvloop") is None:
        print("uvloop is not installed (`pip install uvloop`): its rows are left out\n")
        combinations = tuple(c for c in COMBINATIONS if c[0] != "uvloop")
    short = argparse.Namespace(**{**vars(args), "seconds": 2})
    rows: list[tuple[str, str, str, Run]] = []
    for loop, http in combinations:
        command = ["bench.http_stack", "--serve", loop, http]
        with running_server(command, {}, "/healthz") as (base, _):
            for path, kind in ENDPOINTS:
                wrk(binary, base, "warm-up", [path], short)
                rows.append((loop, http, kind, wrk(binary, base, path, [path], args)))
    first = rows[0][3].rate
    print(f"wrk, {args.threads} threads, {args.connections} connections, {args.seconds} s per row")
    print("\n| loop | parser | endpoint | requests/s | p50 (ms) | p99 (ms) | rate / first row |")
    print("|---|---|---|---:|---:|---:|---:|")
    for loop, http, kind, run in rows:
        print(
            f"| {loop} | {http} | {kind} | {run.rate:,.0f} | {run.p50_ms:.1f} | "
            f"{run.p99_ms:.1f} | {run.rate / first:.2f}x |"
        )


if __name__ == "__main__":
    main()
