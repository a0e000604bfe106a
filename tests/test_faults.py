"""Faults: a load killed at any moment leaves the old graph or the new one; a store that cannot be
reached answers 503 and the server keeps running; a reload never mixes two graphs in one answer."""

from __future__ import annotations

import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient

from api.app import create_app
from pledgegraph.pipeline import build_store
from pledgegraph.settings import Settings
from tests.conftest import with_admin_token

ROOT = Path(__file__).resolve().parents[1]


def test_kill_9_during_loads_never_leaves_a_mixed_store() -> None:
    """A short run of the fault script (its full run, 50 kills, is in BENCHMARKS.md)."""
    done = subprocess.run(
        [
            sys.executable,
            str(ROOT / "scripts" / "kill_during_load.py"),
            "--runs",
            "8",
            "--size",
            "4000",
            "--seed",
            "7",
        ],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "8 of 8 runs left the old or the new graph, whole" in done.stdout


def test_an_unreachable_neo4j_answers_503_and_the_server_stays_up(settings: Settings) -> None:
    down = Settings(
        store="neo4j",
        neo4j_uri="bolt://127.0.0.1:9",
        neo4j_password="x",
        query_timeout_ms=500,
        data=settings.data,
    )
    with TestClient(create_app(down)) as client:  # starts although Neo4j is down
        for path in ("/labs", "/pressure"):
            response = client.get(path)
            assert response.status_code == 503, path
            assert "Neo4j is unreachable" in response.json()["detail"]
        assert client.get("/openapi.json").status_code == 200


def test_a_reload_while_clients_read_never_mixes_graphs(settings: Settings) -> None:
    build_store(settings.store_path, settings)
    secured = with_admin_token(settings, "token")
    with TestClient(create_app(secured)) as client:
        before = client.get("/labs/example-lab/dropped").json()
        # A new version of the data lands in the store file while the server keeps serving.
        claims = settings.data / "sources" / "fx-article" / "claims.yaml"
        claims.write_text(
            claims.read_text(encoding="utf-8").replace("change: weakened", "change: replaced"),
            encoding="utf-8",
        )
        build_store(settings.store_path, settings)
        answers: list[Any] = []
        stop = threading.Event()

        def read() -> None:
            while not stop.is_set():
                response = client.get("/labs/example-lab/dropped")
                answers.append(
                    response.json() if response.status_code == 200 else response.status_code
                )

        readers = [threading.Thread(target=read) for _ in range(4)]
        for thread in readers:
            thread.start()
        try:
            for _ in range(3):
                reloaded = client.post("/admin/reload", headers={"Authorization": "Bearer token"})
                assert reloaded.status_code == 200
        finally:
            stop.set()
            for thread in readers:
                thread.join()
        after = client.get("/labs/example-lab/dropped").json()
    assert before != after and after["dropped"][0]["change"] == "replaced"
    assert answers and all(a in (before, after) for a in answers)


def test_a_reload_releases_the_old_store_after_the_grace_period(
    settings: Settings, monkeypatch: Any
) -> None:
    import contextlib
    import time

    import api.routes.admin as admin
    from pledgegraph.stores import serving

    build_store(settings.store_path, settings)
    opened: list[int] = []
    closed: list[int] = []

    @contextlib.contextmanager
    def counting(s: Settings) -> Any:
        opened.append(len(opened))
        with serving(s) as store:
            yield store
        closed.append(len(closed))

    monkeypatch.setattr(admin, "GRACE_S", 0.2)
    app = create_app(with_admin_token(settings, "token"), store_factory=counting)
    with TestClient(app) as client:
        for _ in range(3):
            assert (
                client.post("/admin/reload", headers={"Authorization": "Bearer token"}).status_code
                == 200
            )
        deadline = time.monotonic() + 5
        while len(closed) < 3 and time.monotonic() < deadline:
            time.sleep(0.05)
        assert (len(opened), len(closed)) == (4, 3)  # the three replaced stores are released
        assert client.get("/labs").status_code == 200
    assert len(closed) == 4  # and the last one at shutdown
