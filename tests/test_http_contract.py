"""The embedded store's HTTP answers equal the recording that the Neo4j tests also check."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from pledgegraph.pipeline import build_store
from pledgegraph.settings import BUNDLED_DATA, Settings
from tests.http_contract import CALLS, answers, record, recorded


@pytest.fixture(scope="module")
def contract_settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """The bundled data without the text archive, so the answers are the same on every machine."""
    path = tmp_path_factory.mktemp("contract") / "graph.kgl"
    settings = Settings(data=BUNDLED_DATA, texts=None, store_path=path)
    build_store(path, settings)
    return settings


def test_embedded_answers_match_the_recording(contract_settings: Settings) -> None:
    with TestClient(create_app(contract_settings)) as client:
        got = answers(client)
    if os.environ.get("PLEDGEGRAPH_RECORD") == "1":
        record(got)
    expected = recorded()
    assert list(expected) == CALLS, "the recording is out of date: record it anew"
    for path in CALLS:
        assert got[path] == expected[path], path


def test_answers_do_not_depend_on_the_order_rows_arrive_in(contract_settings: Settings) -> None:
    """Lists built by collect() are ordered in the Cypher, so two reads give the same bytes."""
    with TestClient(create_app(contract_settings)) as client:
        first = [client.get(p).content for p in CALLS]
        second = [client.get(p).content for p in CALLS]
    assert first == second


def test_recording_is_not_trivial() -> None:
    data = recorded()
    assert data["/labs/anthropic/dropped"]["body"]["dropped"]
    assert {v["status"] for v in data.values()} >= {200, 404, 422}
    assert Path(__file__).parent.joinpath("expected", "http.json").stat().st_size > 10_000
