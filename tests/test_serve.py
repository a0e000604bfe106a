"""`pledgegraph serve` as a user runs it: a real uvicorn server on a free local port."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx

from tests.conftest import SHARED_SOURCES


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_serve_builds_the_store_and_answers(tmp_path: Path) -> None:
    port = free_port()
    env = {**os.environ, "PLEDGEGRAPH_STORE_PATH": str(tmp_path / "graph.kgl")}
    if SHARED_SOURCES.is_dir():
        env["PLEDGEGRAPH_TEXTS"] = str(SHARED_SOURCES)
    server = subprocess.Popen(
        [sys.executable, "-m", "pledgegraph.cli", "serve", "--port", str(port)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        deadline = time.monotonic() + 30
        response = None
        while time.monotonic() < deadline:
            try:
                response = httpx.get(f"http://127.0.0.1:{port}/labs/anthropic/dropped", timeout=2)
                break
            except httpx.TransportError:
                assert server.poll() is None, server.stdout.read() if server.stdout else ""
                time.sleep(0.2)
        assert response is not None and response.status_code == 200
        dropped = {d["commitment"]["id"]: d for d in response.json()["dropped"]}
        item = dropped["anthropic-pause-or-delay-pledge"]
        assert item["date"] == "2026-02-24" and item["replaced_by"]
        pressure = httpx.get(
            f"http://127.0.0.1:{port}/pressure", params={"target": "anthropic"}
        ).json()
        assert pressure[0]["by"]["name"] == "Pete Hegseth"
    finally:
        server.terminate()
        server.wait(timeout=10)
