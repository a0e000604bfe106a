"""Schemathesis over the project's own OpenAPI schema: generated requests to every operation, no
5xx, and every response as declared (status, content type, JSON schema)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import schemathesis
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, settings

from api.app import create_app
from pledgegraph.pipeline import build_store
from pledgegraph.settings import BUNDLED_DATA, Settings

CASES: list[str] = []
MIN_CASES = 1_000


def _app_settings(tmp: str) -> Settings:
    from pathlib import Path

    path = Path(tmp) / "graph.kgl"
    settings = Settings(data=BUNDLED_DATA, texts=None, store_path=path, sparql_timeout_ms=3_000)
    build_store(path, settings)
    return settings


import tempfile  # noqa: E402

_TMP = tempfile.mkdtemp(prefix="pledgegraph-fuzz-")
APP = create_app(_app_settings(_TMP))
schema = schemathesis.openapi.from_asgi("/openapi.json", APP)


@pytest.fixture(scope="module", autouse=True)
def running_app() -> Iterator[None]:
    """The app's lifespan (its store) is open while the generated cases run."""
    with TestClient(APP):
        yield


@schema.parametrize()
@settings(
    max_examples=80,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    derandomize=True,  # the same cases on every run: CI stays reproducible
    database=None,
)
def test_every_operation(case: schemathesis.Case) -> None:
    CASES.append(f"{case.method} {case.path}")
    # Every check but one: a request can fit the schema and still name a lab the graph does not
    # hold or carry text that is not SPARQL; refusing those (404, 400) is right, not a failure.
    case.call_and_validate(excluded_checks=[schemathesis.checks.positive_data_acceptance])


def test_enough_cases_ran() -> None:
    print(f"{len(CASES)} generated cases over {len(set(CASES))} operations")
    assert len(CASES) >= MIN_CASES, f"only {len(CASES)} generated cases ran"
