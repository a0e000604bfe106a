"""The w3id.org redirect rules (docs/w3id/.htaccess): each rule's target is a route the app
answers, for a path of the kind the export mints."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from pledgegraph.settings import Settings

RULES = Path(__file__).resolve().parents[1] / "docs" / "w3id" / ".htaccess"
TARGET = "https://pledgegraph.example.org/"
# A path of each kind the export mints, as w3id.org receives it (after pledgegraph/).
SAMPLES = [
    "vocab",
    "vocab/0.1.0",
    "vocab/shapes",
    "context.jsonld",
    "context/0.1.0.jsonld",
    "id/lab/anthropic",
    "id/statement/{statement}",
    "id/agent/cybernews",
    "graph/cybernews-anthropic-rsp-v3",
    "dataset",
    "sparql",
    "export",
    "",
]


@pytest.fixture(scope="module")
def client(bundled_settings: Settings) -> Iterator[TestClient]:
    with TestClient(create_app(bundled_settings)) as client:
        yield client


def _rules() -> list[tuple[re.Pattern[str], str, str]]:
    out = []
    for line in RULES.read_text(encoding="utf-8").splitlines():
        found = re.match(r"RewriteRule\s+(\S+)\s+(\S+)\s+\[R=(\d+),L\]", line)
        if found:
            out.append((re.compile(found.group(1)), found.group(2), found.group(3)))
    return out


def _rewrite(path: str) -> tuple[str, str] | None:
    for pattern, target, status in _rules():
        match = pattern.match(path)
        if match:
            return match.expand(target.replace("$", "\\")), status
    return None


def test_every_minted_kind_of_iri_is_redirected_to_a_route_that_answers(client: TestClient) -> None:
    statement = client.get("/labs/anthropic/dropped").json()["dropped"][0]["evidence"][0][
        "statement"
    ]
    for sample in SAMPLES:
        path = sample.format(statement=statement)
        rewritten = _rewrite(path)
        assert rewritten is not None, f"no rule redirects {path!r}"
        target, status = rewritten
        assert target.startswith(TARGET) and status in ("303", "307")
        response = client.get("/" + target.removeprefix(TARGET), follow_redirects=True)
        assert response.status_code == 200, (path, target, response.status_code)


def test_every_rule_is_exercised() -> None:
    used = set()
    for sample in SAMPLES:
        for number, (pattern, _, _) in enumerate(_rules()):
            if pattern.match(sample.format(statement="st-x")):
                used.add(number)
                break
    assert used == set(range(len(_rules())))
