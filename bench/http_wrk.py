"""HTTP benchmark with a native load generator (wrk): the real server against a minimal FastAPI app.

    python -m bench.http_wrk [--seconds 10] [--connections 100] [--threads 2] [--rounds 3]
                             [--workers CORES]

The servers run in one run, each served the same way (`serve()` of api/server.py: uvicorn with
uvloop and httptools, the same guards), so every ratio compares numbers taken on the same machine
minutes apart:

- one worker each, the minimal app's ``/healthz`` (bench/minimal_app.py, the stack's ceiling) and
  the real server's bare ``/healthz`` in turn, ``--rounds`` times (both servers up, one driven at a
  time; the median round is reported with the range), then the real server's API mix (a wrk Lua
  script cycling through the JSON endpoints and lab pages);
- the real server with its answer cache off (``PLEDGEGRAPH_ANSWER_CACHE_MB=0``), one worker: bare
  ``/healthz``, the lab page, the API mix;
- as shipped, one worker per core (``--workers``, default the usable cores), the minimal app's
  ``/healthz`` and the real server's: bare ``/healthz``, each JSON endpoint, the lab page, ``/labs``
  and the lab page revalidated with ``If-None-Match`` (304), the API mix, and the API mix under
  faults (SPARQL queries at their time limit, reloads, the store file replaced).

wrk comes from Debian's packages: the script installs it with apt-get when it runs as root and
wrk is missing, and otherwise says how.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from bench.load import running_server
from pledgegraph.settings import usable_cores

JSON_PATHS = (
    "/labs",
    "/labs/anthropic/dropped",
    "/labs/openai/commitments",
    "/pressure?target=anthropic",
    "/timeline?lab=anthropic",
    "/commitments/anthropic-pause-or-delay-pledge",
    "/labs/anthropic/pressure",
)
PAGE = "/labs/anthropic/page"
MIX = (*JSON_PATHS, PAGE)
MIX_NAME = "API mix (JSON endpoints and lab pages)"
GOAL_P99_MS = 250.0


@dataclass(frozen=True)
class Run:
    """What wrk measured for one path (or the mix)."""

    name: str
    rate: float
    p50_ms: float
    p99_ms: float
    errors: int


def ensure_wrk() -> str:
    found = shutil.which("wrk")
    if found:
        return found
    if os.geteuid() == 0 and shutil.which("apt-get"):
        print("wrk is missing: installing it from Debian's packages", file=sys.stderr)
        install = ["apt-get", "install", "-y", "wrk"]
        if subprocess.run(install, stdout=subprocess.DEVNULL).returncode:
            subprocess.run(["apt-get", "update"], stdout=subprocess.DEVNULL, check=True)
            subprocess.run(install, stdout=subprocess.DEVNULL, check=True)
        found = shutil.which("wrk")
    if not found:
        sys.exit("wrk is needed: install it with `sudo apt-get install wrk` (Debian/Ubuntu)")
    return found


_UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}


def _ms(text: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text).groups()  # type: ignore[union-attr]
    return float(number) * _UNITS[unit]


def parse_wrk(name: str, output: str) -> Run:
    """Requests/s, p50, p99 and failed requests from ``wrk --latency`` output."""
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))  # type: ignore[union-attr]
    latency = dict(re.findall(r"^\s+(50|99)(?:\.000)?%\s+(\S+)\s*$", output, re.M))
    errors = sum(int(n) for n in re.findall(r"Non-2xx or 3xx responses: (\d+)", output))
    socket = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    )
    if socket:
        errors += sum(int(n) for n in socket.groups())
    nan = float("nan")  # no request finished in time: wrk prints no distribution
    p50, p99 = (_ms(latency[k]) if k in latency else nan for k in ("50", "99"))
    return Run(name, rate, p50, p99, errors)


def wrk(
    binary: str,
    base: str,
    name: str,
    paths: Sequence[str],
    args: argparse.Namespace,
    headers: Sequence[str] = (),
) -> Run:
    """One wrk run over ``paths`` (one path, or a Lua script cycling through several)."""
    command = [
        binary,
        f"-t{args.threads}",
        f"-c{args.connections}",
        f"-d{args.seconds:g}s",
        "--timeout",
        "10s",
        "--latency",
        *(part for header in headers for part in ("-H", header)),
    ]
    with tempfile.TemporaryDirectory() as tmp:
        if len(paths) > 1:
            script = Path(tmp) / "mix.lua"
            listed = ", ".join(f'"{p}"' for p in paths)
            script.write_text(
                f"local paths = {{{listed}}}\nlocal i = 0\n"
                "request = function()\n  i = i + 1\n"
                "  return wrk.format('GET', paths[(i % #paths) + 1])\nend\n"
            )
            command += ["-s", str(script), base]
        else:
            command.append(base + paths[0])
        output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    return parse_wrk(name, output)


TOKEN = "bench-admin-token"
HEAVY_SPARQL = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?p ?x . ?b ?q ?y . ?c ?r ?z . ?d ?s ?w }"


class Faults:
    """While wrk runs: SPARQL queries that hit their time limit (two at a time), `POST
    /admin/reload` every 2 s, and the store file replaced (same graph, new file) every 3 s, which
    the server follows. Tallies what each answered."""

    def __init__(self, base: str, store: Path) -> None:
        self.base, self.store = base, store
        self.answers: Counter[str] = Counter()
        self.stop = threading.Event()

    @contextlib.contextmanager
    def running(self) -> Iterator[None]:
        threads = [
            threading.Thread(target=self._sparql),
            threading.Thread(target=self._sparql),
            threading.Thread(target=self._reload),
            threading.Thread(target=self._replace),
        ]
        for thread in threads:
            thread.start()
        try:
            yield
        finally:
            self.stop.set()
            for thread in threads:
                thread.join()

    def _sparql(self) -> None:
        import httpx

        while not self.stop.is_set():
            try:
                status = httpx.get(
                    self.base + "/sparql", params={"query": HEAVY_SPARQL}, timeout=30
                ).status_code
            except httpx.HTTPError as err:
                status = type(err).__name__
            self.answers[f"sparql {status}"] += 1

    def _reload(self) -> None:
        import httpx

        while not self.stop.wait(2):
            headers = {"Authorization": f"Bearer {TOKEN}"}
            status = httpx.post(self.base + "/admin/reload", headers=headers, timeout=30)
            self.answers[f"reload {status.status_code}"] += 1

    def _replace(self) -> None:
        import kglite

        while not self.stop.wait(3):
            graph = kglite.load(str(self.store))
            tmp = self.store.with_name("replacement.kgl")
            graph.save(str(tmp))
            tmp.replace(self.store)
            self.answers["store file replaced"] += 1

    def tally(self) -> str:
        return ", ".join(f"{key}: {n}" for key, n in sorted(self.answers.items()))


@dataclass
class Results:
    """Every run of one benchmark: rows by server, and the ratios' inputs."""

    minimal: Run  # one worker, the median round
    bare: Run  # the real server's /healthz, one worker, the same round
    ratios: list[float]  # bare / minimal, each round
    one_worker_mix: Run
    uncached: list[Run]  # /healthz, the lab page, the mix; answer cache off, one worker
    minimal_shipped: Run  # the minimal app with as many workers as the real one
    shipped: list[Run]  # /healthz, each path, 304s, the mix, the mix under faults
    faults: str = "-"


def measure(args: argparse.Namespace) -> Results:
    """The minimal app and the real server, one worker each, in rounds; the real server without its
    answer cache; the real server as shipped (one worker per core) beside the minimal app served
    the same way; the same under faults."""
    binary = ensure_wrk()
    import httpx

    from pledgegraph.pipeline import build_store
    from pledgegraph.settings import Settings

    with tempfile.TemporaryDirectory() as tmp:
        store = Path(tmp) / "graph.kgl"
        build_store(store, Settings(store_path=store))
        env = {k: v for k, v in os.environ.items() if not k.startswith("PLEDGEGRAPH_")}
        serve = ["pledgegraph.cli", "serve", "--no-ingest"]
        on = {**env, "PLEDGEGRAPH_STORE_PATH": str(store)}
        one = {**on, "PLEDGEGRAPH_WORKERS": "1"}
        with (
            running_server(["bench.minimal_app"], env, "/healthz") as (minimal_base, _),
            running_server(serve, one, "/healthz") as (base, _),
        ):
            # Bare /healthz of both servers in turn, round after round (the idle one costs
            # nothing): each round's ratio compares runs seconds apart; the median round is shown.
            wrk(binary, minimal_base, "warm-up", ["/healthz"], _short(args))
            wrk(binary, base, "warm-up", MIX, _short(args))
            rounds = []
            for _ in range(args.rounds):
                theirs = wrk(binary, minimal_base, "/healthz", ["/healthz"], args)
                ours = wrk(binary, base, "/healthz", ["/healthz"], args)
                rounds.append((ours.rate / theirs.rate, theirs, ours))
            rounds.sort(key=lambda r: r[0])
            _, minimal, bare = rounds[len(rounds) // 2]
            one_worker_mix = wrk(binary, base, MIX_NAME, MIX, args)
        uncached: list[Run] = []
        off = {**one, "PLEDGEGRAPH_ANSWER_CACHE_MB": "0"}
        with running_server(serve, off, "/healthz") as (base, _):
            wrk(binary, base, "warm-up", MIX, _short(args))
            uncached.append(wrk(binary, base, "/healthz", ["/healthz"], args))
            uncached.append(wrk(binary, base, PAGE, [PAGE], args))
            uncached.append(wrk(binary, base, MIX_NAME, MIX, args))
        workers = ["--workers", str(args.workers)]
        with running_server(["bench.minimal_app", *workers], env, "/healthz") as (mbase, _):
            wrk(binary, mbase, "warm-up", ["/healthz"], _short(args))
            minimal_shipped = wrk(binary, mbase, "/healthz", ["/healthz"], args)
        shipped: list[Run] = []
        with running_server(serve, on, "/healthz") as (base, _):  # the default: one per core
            wrk(binary, base, "warm-up", MIX, _short(args))
            shipped.append(wrk(binary, base, "/healthz", ["/healthz"], args))
            shipped += [wrk(binary, base, path, [path], args) for path in (*JSON_PATHS, PAGE)]
            for path in ("/labs", PAGE):
                etag = httpx.get(base + path, headers={"Accept-Encoding": "identity"}).headers[
                    "etag"
                ]
                name = f"{path}, If-None-Match (304)"
                shipped.append(wrk(binary, base, name, [path], args, [f"If-None-Match: {etag}"]))
            shipped.append(wrk(binary, base, MIX_NAME, MIX, args))
        faulty = {**on, "PLEDGEGRAPH_ADMIN_TOKEN": TOKEN, "PLEDGEGRAPH_SPARQL_TIMEOUT_MS": "500"}
        with running_server(serve, faulty, "/healthz") as (base, _):
            wrk(binary, base, "warm-up", MIX, _short(args))
            faults = Faults(base, store)
            with faults.running():
                shipped.append(wrk(binary, base, f"{MIX_NAME}, under faults", MIX, args))
    return Results(
        minimal=minimal,
        bare=bare,
        ratios=[r[0] for r in rounds],
        one_worker_mix=one_worker_mix,
        uncached=uncached,
        minimal_shipped=minimal_shipped,
        shipped=shipped,
        faults=faults.tally(),
    )


def _short(args: argparse.Namespace) -> argparse.Namespace:
    return argparse.Namespace(**{**vars(args), "seconds": 2})


def _row(server: str, run: Run, base: Run | None) -> str:
    ratio = f"{run.rate / base.rate:.0%}" if base else "-"
    return (
        f"| {server} | {run.name} | {run.rate:,.0f} | {run.p50_ms:.1f} | {run.p99_ms:.1f} | "
        f"{run.errors} | {ratio} |"
    )


def report(results: Results, args: argparse.Namespace) -> str:
    r = results
    n = args.workers
    shipped = f"pledgegraph, {n} workers (default)"
    lines = [
        f"wrk, {args.threads} threads, {args.connections} connections, {args.seconds:g} s per row",
        "",
        "| server | path | requests/s | p50 (ms) | p99 (ms) | failed | rate / its bare /healthz |",
        "|---|---|---:|---:|---:|---:|---:|",
        _row("minimal FastAPI app, 1 worker", r.minimal, None),
        _row("pledgegraph, 1 worker", r.bare, r.bare),
        _row("pledgegraph, 1 worker", r.one_worker_mix, r.bare),
        *(_row("pledgegraph, 1 worker, answer cache off", u, r.uncached[0]) for u in r.uncached),
        _row(f"minimal FastAPI app, {n} workers", r.minimal_shipped, None),
        *(_row(shipped, run, r.shipped[0]) for run in r.shipped),
    ]
    bare, mix, faulty = r.shipped[0], r.shipped[-2], r.shipped[-1]
    slow = [run.name for run in r.shipped[1:-1] if not run.p99_ms < GOAL_P99_MS]
    lines += [
        "",
        f"- bare /healthz / minimal app, 1 worker each: {r.bare.rate / r.minimal.rate:.0%} (goal "
        f">= 80%; the median of {len(r.ratios)} rounds, range {min(r.ratios):.0%}-"
        f"{max(r.ratios):.0%}); {n} workers each: {bare.rate / r.minimal_shipped.rate:.0%}",
        f"- API mix / bare /healthz: {mix.rate / bare.rate:.0%} (goal >= 50%); one worker: "
        f"{r.one_worker_mix.rate / r.bare.rate:.0%}; one worker without the answer cache: "
        f"{r.uncached[-1].rate / r.uncached[0].rate:.0%}",
        f"- API mix, answer cache on / off (one worker): "
        f"{r.one_worker_mix.rate / r.uncached[-1].rate:.1f}x",
        f"- API mix, {n} workers / one worker: {mix.rate / r.one_worker_mix.rate:.2f}x "
        f"(bare /healthz: {bare.rate / r.bare.rate:.2f}x)",
        f"- under faults: {faulty.rate / mix.rate:.2f}x the API mix's rate, p99 "
        f"{faulty.p99_ms:.1f} ms, {faulty.errors} failed; {r.faults}",
        f"- endpoints with p99 >= {GOAL_P99_MS:.0f} ms ({n} workers): {', '.join(slow) or 'none'}",
    ]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=100)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument(
        "--rounds", type=int, default=3, help="rounds of bare /healthz, minimal app and ours"
    )
    parser.add_argument(
        "--workers",
        type=int,
        default=usable_cores(),
        help="workers of the server as shipped (default: its own default, one per core)",
    )
    args = parser.parse_args()
    print(report(measure(args), args))


if __name__ == "__main__":
    main()
