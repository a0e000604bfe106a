"""`pledgegraph serve` as a user runs it: a real uvicorn server on a free local port."""

from __future__ import annotations

import time
from pathlib import Path

import httpx

from pledgegraph.pipeline import build_store
from pledgegraph.settings import Settings, usable_cores
from tests.server import running_server
from tests.test_ingest import _break


def test_serve_builds_the_store_and_answers(tmp_path: Path) -> None:
    with running_server(tmp_path / "graph.kgl") as base:
        response = httpx.get(f"{base}/labs/anthropic/dropped", timeout=5)
        assert response.status_code == 200
        dropped = {d["commitment"]["id"]: d for d in response.json()["dropped"]}
        item = dropped["anthropic-pause-or-delay-pledge"]
        assert item["date"] == "2026-02-24" and item["replaced_by"]
        pressure = httpx.get(f"{base}/pressure", params={"target": "anthropic"}, timeout=5).json()
        assert "Pete Hegseth" in {b["name"] for p in pressure for b in p["by"]}
        sparql = httpx.get(f"{base}/sparql", params={"query": "ASK { ?s ?p ?o }"}, timeout=30)
        assert sparql.status_code == 200 and sparql.json()["boolean"] is True


def _children(port: int) -> list[int]:
    """The processes the `serve` listening on ``port`` started (Linux: read from /proc)."""
    procs: dict[int, tuple[int, str]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            cmdline = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode()
            ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
        except (OSError, ValueError, IndexError):
            continue
        procs[int(entry.name)] = (ppid, cmdline)
    [parent] = [p for p, (_, cmd) in procs.items() if f"serve --port {port}" in cmd]
    return [p for p, (ppid, cmd) in procs.items() if ppid == parent and "spawn_main" in cmd]


def test_serve_runs_one_worker_per_core_by_default(
    fixture_dirs: tuple[Path, Path], tmp_path: Path
) -> None:
    """Without --workers or PLEDGEGRAPH_WORKERS, one process per usable core (one: no children)."""
    data, texts = fixture_dirs
    env = {"PLEDGEGRAPH_DATA": str(data), "PLEDGEGRAPH_TEXTS": str(texts)}
    lines: list[str] = []
    cores = usable_cores()
    with running_server(tmp_path / "graph.kgl", env_extra=env, workers=None, output=lines) as base:
        port = int(base.rsplit(":", 1)[1])
        assert len(_children(port)) == (cores if cores > 1 else 0)
        assert httpx.get(f"{base}/healthz", timeout=5).json() == {"status": "ok"}
    if cores > 1:
        assert any(f"starting {cores} workers" in line for line in lines), lines


def test_workers_share_the_store_and_each_follows_a_load(
    fixture_dirs: tuple[Path, Path], tmp_path: Path
) -> None:
    """`serve --workers 2`: two processes answer; after a load replaces the store file, every
    answer (each on a new connection, so both workers are asked) is the new one within seconds,
    and no answer is ever anything but the old graph's or the new one's."""
    data, texts = fixture_dirs
    store = tmp_path / "graph.kgl"
    env = {"PLEDGEGRAPH_DATA": str(data), "PLEDGEGRAPH_TEXTS": str(texts)}
    with running_server(store, env_extra=env, args=["--workers", "2"]) as base:
        assert len(_children(int(base.rsplit(":", 1)[1]))) == 2

        def answer() -> object:
            response = httpx.get(
                f"{base}/labs/example-lab/dropped", headers={"Connection": "close"}, timeout=10
            )
            assert response.status_code == 200
            return response.json()

        before = answer()
        settings = Settings(data=data, texts=texts, store_path=store)
        _break(settings, "change: weakened", "change: replaced")
        build_store(store, settings)
        seen: list[object] = []
        streak, deadline = 0, time.monotonic() + 20
        while streak < 30 and time.monotonic() < deadline:
            seen.append(answer())
            new = seen[-1] != before
            streak = streak + 1 if new else 0
    assert streak == 30, "the workers did not all follow the load"
    after = seen[-1]
    assert after["dropped"][0]["change"] == "replaced"  # type: ignore[index]
    assert all(a in (before, after) for a in seen)


def test_answers_are_not_held_back_by_nagle_in_worker_processes() -> None:
    """The workers' listening socket is rebuilt from its descriptor (``proto`` 0), so asyncio does
    not set TCP_NODELAY on the connections it accepts; the serve protocol sets it itself."""
    import asyncio
    import socket

    from api.server import no_delay

    async def accept_one() -> tuple[int, int]:
        listener = socket.create_server(("127.0.0.1", 0))
        inherited = socket.fromfd(listener.fileno(), socket.AF_INET, socket.SOCK_STREAM)
        assert inherited.proto == 0
        seen: asyncio.Future[tuple[int, int]] = asyncio.get_running_loop().create_future()

        class Probe(asyncio.Protocol):
            def connection_made(self, transport: asyncio.BaseTransport) -> None:
                sock = transport.get_extra_info("socket")
                before = sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY)
                no_delay(transport)
                seen.set_result((before, sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY)))
                transport.close()

        server = await asyncio.get_running_loop().create_server(Probe, sock=inherited)
        port = listener.getsockname()[1]
        _, writer = await asyncio.open_connection("127.0.0.1", port)
        try:
            return await asyncio.wait_for(seen, 5)
        finally:
            writer.close()
            server.close()
            listener.close()

    before, after = asyncio.run(accept_one())
    assert before == 0 and after != 0
