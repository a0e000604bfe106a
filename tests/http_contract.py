"""The HTTP calls whose answers are recorded in tests/expected/http.json, for every store.

The embedded store's answers are compared with the recording in the test suite; the Neo4j tests
compare a real Neo4j's answers with the same recording. Record anew (after a deliberate change)
with PLEDGEGRAPH_RECORD=1 pytest tests/test_http_contract.py, and review the diff.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient

RECORDING = Path(__file__).parent / "expected" / "http.json"

CALLS = [
    "/labs",
    "/labs/anthropic/dropped",
    "/labs/Anthropic%20PBC/commitments",
    "/labs/no-such-lab/dropped",
    "/commitments/anthropic-pause-or-delay-pledge",
    "/commitments/anthropic-limited-delay-commitment",
    "/commitments/no-such-commitment",
    "/pressure",
    "/pressure?target=anthropic&by=Pete%20Hegseth",
    "/pressure?by=nobody",
    "/entities/anthropic",
    "/entities/pete-hegseth",
    "/entities/cybernews-anthropic-rsp-v3",
    "/queries",
    "/queries/lab?lab=anthropic",
    "/queries/labs",
    "/queries/lab_dropped?lab=anthropic",
    "/queries/commitment_history?commitment=anthropic-limited-delay-commitment",
    "/queries/entity_statements?id=anthropic-rsp-v3",
    "/queries/pressure?target=anthropic",
    "/queries/lab_dropped",
    "/queries/read%2Fall_nodes",
]


def answers(client: TestClient) -> dict[str, Any]:
    """Status and JSON body of every call, in the order of CALLS."""
    out: dict[str, Any] = {}
    for path in CALLS:
        response = client.get(path)
        out[path] = {"status": response.status_code, "body": response.json()}
    return out


def recorded() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(RECORDING.read_text(encoding="utf-8"))
    return data


def record(data: dict[str, Any]) -> None:
    RECORDING.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
