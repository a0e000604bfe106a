"""Load: many concurrent clients against a real uvicorn server, beside a bare endpoint's rate.

Usage: python bench/load.py [--clients 100] [--seconds 60] [--baseline-seconds 15]

Starts `pledgegraph serve` on the bundled data (one worker, as the figures in BENCHMARKS.md were
taken; `bench/http_wrk.py` measures the default of one per core), then runs two phases with the same number of
concurrent clients (asyncio + httpx, keep-alive connections): first the bare `/healthz` endpoint
(no store, the baseline), then a mix of the API's reading endpoints. Prints requests, errors
(any non-2xx answer or failed request), requests per second, p50 and p99 latency, and the mix's
rate as a share of the bare rate. The client runs on the same machine, so both share its cores.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
MIX = [
    "/labs",
    "/labs/anthropic/dropped",
    "/labs/openai/commitments",
    "/labs/xai/commitments?as_of=2025-06-01",
    "/commitments/anthropic-limited-delay-commitment",
    "/pressure?target=anthropic",
    "/timeline?lab=openai",
    "/entities/pete-hegseth",
    "/queries/lab_dropped?lab=google",
    "/labs/anthropic/page",
]


@contextmanager
def running_server(
    args: list[str], env: dict[str, str], ready: str, wait_s: float = 120
) -> Iterator[tuple[str, subprocess.Popen[bytes]]]:
    """Start ``python -m <args> --port P`` from the project folder; yield its base address and
    process once ``ready`` answers 200; stop it on exit."""
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", *args, "--port", str(port)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + wait_s
        while time.monotonic() < deadline:
            try:
                if httpx.get(base + ready, timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.1)
        yield base, server
    finally:
        server.terminate()
        server.wait(timeout=30)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


async def phase(base: str, paths: list[str], clients: int, seconds: float) -> dict[str, float]:
    latencies: list[float] = []
    errors = 0
    kinds: dict[str, int] = {}
    deadline = time.perf_counter() + seconds
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=30) as client:

        async def worker(offset: int) -> None:
            nonlocal errors
            n = offset
            while time.perf_counter() < deadline:
                path = paths[n % len(paths)]
                n += 1
                start = time.perf_counter()
                try:
                    response = await client.get(path)
                    if response.status_code >= 300:
                        errors += 1
                        key = f"{response.status_code} {path}"
                        kinds[key] = kinds.get(key, 0) + 1
                except httpx.HTTPError as err:
                    errors += 1
                    key = f"{type(err).__name__} {path}"
                    kinds[key] = kinds.get(key, 0) + 1
                latencies.append(time.perf_counter() - start)

        started = time.perf_counter()
        await asyncio.gather(*(worker(i) for i in range(clients)))
        elapsed = time.perf_counter() - started
    latencies.sort()
    for key, count in sorted(kinds.items()):
        print(f"error: {count} x {key}", file=sys.stderr)
    return {
        "requests": len(latencies),
        "errors": errors,
        "rps": len(latencies) / elapsed,
        "p50": statistics.median(latencies) * 1000,
        "p99": latencies[int(len(latencies) * 0.99) - 1] * 1000,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=100)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--baseline-seconds", type=float, default=15)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        env = {
            **os.environ,
            "PLEDGEGRAPH_STORE_PATH": str(Path(tmp) / "graph.kgl"),
            "PLEDGEGRAPH_WORKERS": "1",
        }
        with running_server(["pledgegraph.cli", "serve"], env, "/healthz", 30) as (base, _):
            bare = asyncio.run(phase(base, ["/healthz"], args.clients, args.baseline_seconds))
            mix = asyncio.run(phase(base, MIX, args.clients, args.seconds))
    print(f"{args.clients} concurrent clients; uvicorn, one worker")
    print("| phase | seconds | requests | errors | requests/s | p50 (ms) | p99 (ms) |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for name, seconds, result in (
        ("bare /healthz", args.baseline_seconds, bare),
        ("API mix", args.seconds, mix),
    ):
        print(
            f"| {name} | {seconds:g} | {result['requests']:,} | {result['errors']} | "
            f"{result['rps']:.0f} | {result['p50']:.1f} | {result['p99']:.1f} |"
        )
    print(f"API mix rate / bare rate: {mix['rps'] / bare['rps']:.0%}")
    return 1 if bare["errors"] or mix["errors"] else 0


if __name__ == "__main__":
    raise SystemExit(main())
