"""Start `pledgegraph serve` as a user runs it: a real uvicorn server on a free local port."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

import httpx

from tests.conftest import SHARED_SOURCES


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def running_server(
    store_path: Path,
    ready_path: str = "/labs",
    env_extra: dict[str, str] | None = None,
    args: Sequence[str] = (),
    workers: int | None = 1,
    output: list[str] | None = None,
) -> Iterator[str]:
    """Serve the bundled data from a fresh store (or the store ``env_extra`` names), with more
    `serve` options in ``args``; yields the base URL once it answers. One worker unless ``args``
    or ``workers`` ask for more (None: `serve`'s default), so per-process counts are exact; the
    server's output lines are appended to ``output`` as they come."""
    port = free_port()
    env = {**os.environ, "PLEDGEGRAPH_STORE_PATH": str(store_path)}
    env.pop("PLEDGEGRAPH_WORKERS", None)
    if workers is not None:
        env["PLEDGEGRAPH_WORKERS"] = str(workers)
    env.update(env_extra or {})
    if SHARED_SOURCES.is_dir() and "PLEDGEGRAPH_TEXTS" not in (env_extra or {}):
        env["PLEDGEGRAPH_TEXTS"] = str(SHARED_SOURCES)
    server = subprocess.Popen(
        [sys.executable, "-m", "pledgegraph.cli", "serve", "--port", str(port), *args],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    # Read its output as it comes: a full pipe would stop the server at its next log line.
    output = [] if output is None else output
    reader = threading.Thread(target=lambda: output.extend(server.stdout or []), daemon=True)
    reader.start()
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(base + ready_path, timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if server.poll() is not None or time.monotonic() > deadline:
                server.kill()
                reader.join(5)
                raise AssertionError("the server did not start:\n" + "".join(output))
            time.sleep(0.2)
        yield base
    finally:
        server.terminate()
        server.wait(timeout=10)
