"""`pledgegraph serve` as a user runs it: a real uvicorn server on a free local port."""

from __future__ import annotations

from pathlib import Path

import httpx

from tests.server import running_server


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
