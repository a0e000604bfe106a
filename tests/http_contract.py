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
    "/pressure?target=xai",
    "/labs/xai/pressure",
    "/commitments/seoul-frontier-ai-safety-commitments/signatories?as_of=2025-02-10",
    "/commitments/eu-gpai-code-of-practice/signatories",
    "/frameworks/missing?as_of=2025-02-10",
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
    "/labs?as_of=2025-06-01",
    "/labs/anthropic/commitments?as_of=2025-06-01",
    "/labs/anthropic/commitments?as_of=2026-03-01",
    "/labs/anthropic/commitments?as_of=not-a-date",
    "/labs/anthropic/dropped?as_of=2026-01-01",
    "/labs/openai/dropped",
    "/labs/google/dropped",
    "/labs/xai/commitments",
    "/labs/xai/commitments?as_of=2025-06-01",
    "/labs/mistral-ai/commitments",
    "/commitments/white-house-2023-commitments",
    "/commitments/xai-final-risk-framework?as_of=2025-06-01",
    "/commitments/anthropic-chem-bio-threshold",
    "/pressure?target=anthropic&as_of=2026-02-25",
    "/timeline?lab=anthropic&from=2026-01-01&to=2026-12-31",
    "/timeline?from=2025-01-01&to=2025-06-30",
    "/timeline?lab=nobody",
    "/queries/timeline?lab=openai",
    "/queries/lab_commitments?lab=xai&as_of=2025-06-01",
    "/feed.atom",
]


def answers(client: TestClient) -> dict[str, Any]:
    """Status and JSON body of every call, in the order of CALLS."""
    out: dict[str, Any] = {}
    for path in CALLS:
        response = client.get(path)
        media = response.headers["content-type"].split(";")[0]
        json_body = media == "application/json" or media.endswith("+json")
        out[path] = {
            "status": response.status_code,
            "body": response.json() if json_body else response.text,
        }
    return out


def recorded() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(RECORDING.read_text(encoding="utf-8"))
    return data


def record(data: dict[str, Any]) -> None:
    RECORDING.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
