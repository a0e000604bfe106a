"""The HTTP contract, through the ASGI app with its real lifespan and the real embedded store."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from graph.cypher import QueryLibrary
from pledgegraph.settings import Settings


@pytest.fixture(scope="module")
def client(bundled_settings: Settings) -> Iterator[TestClient]:
    with TestClient(create_app(bundled_settings)) as client:
        yield client


def test_labs(client: TestClient) -> None:
    labs = client.get("/labs").json()
    anthropic = next(lab for lab in labs if lab["id"] == "anthropic")
    assert anthropic["name"] == "Anthropic"
    # Dropped: the pause pledge, the White House commitments, the ASL-N+1 evaluations, the
    # "highly capable" aspiration and (in part) the same usage limits for every customer, government
    # agencies included (third sheet, row 90); weakened: the pause pledge, ASL-3 security, the
    # chem/bio threshold.
    assert anthropic["dropped"] == 5 and anthropic["weakened"] == 3 and anthropic["made"] >= 8
    assert anthropic["latest_change"] == "2026-05-26"
    before = {lab["id"]: lab for lab in client.get("/labs", params={"as_of": "2026-01-01"}).json()}
    assert before["anthropic"]["dropped"] == 3 and before["anthropic"]["weakened"] == 1


@pytest.mark.parametrize("lab", ["anthropic", "Anthropic", "ANTHROPIC PBC"])
def test_what_a_lab_dropped(client: TestClient, lab: str) -> None:
    response = client.get(f"/labs/{lab}/dropped")
    assert response.status_code == 200
    body = response.json()
    assert body["lab"] == {"id": "anthropic", "name": "Anthropic"}
    item = next(
        d for d in body["dropped"] if d["commitment"]["id"] == "anthropic-pause-or-delay-pledge"
    )
    assert item["severity"] == "major" and item["disclosure"] == "announced"
    # The judgements are the curators', and say what they rest on.
    assert item["judged_by"] == "curators" and "core pillar" in item["basis"]
    assert item["date"] == "2026-02-24" and item["change"] == "weakened"
    assert [r["id"] for r in item["replaced_by"]] == ["anthropic-limited-delay-commitment"]
    assert item["replaced_by"][0]["text"]
    founding = [e for e in item["evidence"] if e["source"]["id"] == "cybernews-anthropic-rsp-v3"]
    assert founding and all(e["verified"] for e in founding)
    assert founding[0]["source"]["publisher"] == "Cybernews"
    assert founding[0]["source"]["url"].startswith("https://cybernews.com/")


def test_lab_commitments(client: TestClient) -> None:
    body = client.get("/labs/anthropic/commitments").json()
    status = {c["commitment"]["id"]: c for c in body["commitments"]}
    assert status["anthropic-pause-or-delay-pledge"]["status"] == "dropped"
    assert status["anthropic-pause-or-delay-pledge"]["made_precision"] == "year"
    assert status["anthropic-risk-reports"]["binding"] == "non_binding"
    assert status["anthropic-no-mass-surveillance"]["status"] == "standing"


def test_commitment_history(client: TestClient) -> None:
    body = client.get("/commitments/anthropic-limited-delay-commitment").json()
    assert body["made_by"] == [{"id": "anthropic", "name": "Anthropic"}]
    [step] = body["history"]
    assert step["from"]["id"] == "anthropic-pause-or-delay-pledge"
    assert step["to"]["id"] == "anthropic-limited-delay-commitment"
    assert step["change"] == "weakened" and step["evidence"]


def test_pressure(client: TestClient) -> None:
    rows = client.get("/pressure", params={"target": "anthropic"}).json()
    hegseth = next(
        r for r in rows if [b["id"] for b in r["by"]] == ["pete-hegseth"] and r["deadline"]
    )
    assert [t["id"] for t in hegseth["targets"]] == ["anthropic"]
    assert "surveillance" in hegseth["demand"] and "supply chain risk" in hegseth["threat"]
    assert hegseth["deadline"] == "2026-02-27T17:01:00"
    assert any(e["attributed_to"] == "Axios" for e in hegseth["evidence"])
    # An alias finds the same presser; Hegseth pressed only Anthropic.
    by_hegseth = [r for r in rows if "pete-hegseth" in {b["id"] for b in r["by"]}]
    assert client.get("/pressure", params={"by": "Hegseth"}).json() == by_hegseth
    # A name that matches nothing is a 404 naming the nearest; a filter that matches nothing is [].
    unknown = client.get("/pressure", params={"target": "antropic"})
    assert unknown.status_code == 404 and "did you mean anthropic" in unknown.json()["detail"]
    assert client.get("/pressure", params={"target": "nobody"}).status_code == 404
    assert client.get("/pressure", params={"target": "anthropic", "by": "Sam Altman"}).json() == []


def test_unknown_names_are_404_with_the_nearest_everywhere(client: TestClient) -> None:
    for path in (
        "/labs/antropic/dropped",
        "/queries/lab_dropped?lab=antropic",
        "/queries/lab?lab=antropic",
        "/pressure?by=pete%20hegsth",
        "/timeline?lab=antropic",
    ):
        response = client.get(path)
        assert response.status_code == 404, path
        assert "did you mean" in response.json()["detail"], path
    # Names work where ids were asked for: they resolve to the id.
    by_name = client.get(
        "/queries/commitment_history?commitment=Pause scaling or delay deployment when safety lags"
    )
    assert by_name.status_code == 200
    reversed_dates = client.get("/timeline", params={"from": "2026-02-01", "to": "2026-01-01"})
    assert reversed_dates.status_code == 422


def test_entity(client: TestClient) -> None:
    body = client.get("/entities/pete-hegseth").json()
    assert body["kind"] == "Person" and body["properties"]["name"] == "Pete Hegseth"
    assert "title" not in body["properties"] and "type" not in body["properties"]
    edges = {(s["edge"], s["direction"], s["other"]["id"]) for s in body["statements"]}
    assert ("PRESSURED", "out", "anthropic") in edges
    assert ("HOLDS_ROLE", "out", "us-department-of-defense") in edges


def test_canned_queries_over_http(client: TestClient) -> None:
    listed = {q["name"]: q for q in client.get("/queries").json()}
    assert "load/merge_node_lab" not in listed and "read/all_nodes" not in listed
    assert listed["lab_dropped"]["parameters"][0]["name"] == "lab"
    body = client.get("/queries/lab_dropped", params={"lab": "anthropic"}).json()
    assert body["columns"] == listed["lab_dropped"]["columns"]
    dropped = [row[body["columns"].index("commitment")]["id"] for row in body["rows"]]
    assert "anthropic-pause-or-delay-pledge" in dropped


@pytest.mark.parametrize(
    ("path", "status", "fragment"),
    [
        ("/labs/no-such-lab/dropped", 404, "no lab matches 'no-such-lab'"),
        ("/labs/no-such-lab/commitments", 404, "no lab matches"),
        ("/commitments/nope", 404, "no commitment matches 'nope'"),
        ("/entities/nope", 404, "no entity matches 'nope'"),
        ("/queries/nope", 404, "no canned query named 'nope'"),
        ("/queries/load%2Fmerge_node_lab", 404, ""),
        ("/queries/read_all_nodes", 404, "no canned query"),
        ("/queries/lab_dropped", 422, "needs parameter 'lab'"),
        ("/queries/lab_dropped?lab=x&cypher=MATCH", 422, "has no parameter cypher"),
        ("/export?format=rdfxml", 422, ""),
        ("/pressure?target=" + "x" * 300, 422, ""),
    ],
)
def test_caller_mistakes_get_clear_4xx(
    client: TestClient, path: str, status: int, fragment: str
) -> None:
    response = client.get(path)
    assert response.status_code == status
    assert fragment in str(response.json()["detail"])


def test_openapi_documents_every_route(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    for path in (
        "/labs",
        "/labs/{lab}/dropped",
        "/labs/{lab}/commitments",
        "/commitments/{commitment}",
        "/pressure",
        "/entities/{entity}",
        "/queries",
        "/export",
        "/timeline",
        "/feed.atom",
    ):
        assert path in paths
    # Each canned question is its own operation, with its own parameters.
    for query in QueryLibrary().public():
        assert f"/queries/{query.name}" in paths, query.name


def test_each_pressure_event_is_listed_once_with_every_sources_evidence(
    client: TestClient,
) -> None:
    rows = client.get("/pressure", params={"target": "anthropic"}).json()
    assert len({r["event"] for r in rows}) == len(rows)
    hegseth = [r for r in rows if [b["id"] for b in r["by"]] == ["pete-hegseth"]]
    assert sorted(r["date"] for r in hegseth) == ["2026-02-24", "2026-02-27"]
    ultimatum = next(r for r in hegseth if r["date"] == "2026-02-24")
    # The preferred (day-precise) account sets the values; the other source's are kept, ranked.
    assert ultimatum["date_precision"] == "day"
    sources = {e["source"]["id"] for e in ultimatum["evidence"]}
    assert sources == {"thedeepdive-hegseth-ultimatum", "cybernews-anthropic-rsp-v3"}
    [other] = ultimatum["alternatives"]
    assert other["sources"] == ["cybernews-anthropic-rsp-v3"]
    assert other["date_precision"] == "approximate" and other["demand"] != ultimatum["demand"]
    # One letter signed by five senators is one event with five signers.
    letters = [
        r
        for r in client.get("/pressure", params={"target": "openai"}).json()
        if r["date"] == "2024-07-22"
    ]
    [letter] = letters
    assert len(letter["by"]) == 5 and {b["id"] for b in letter["by"]} >= {"ben-ray-lujan"}
    # A quote shared by the statements of one event is shown once.
    quotes = [(e["source"]["id"], e["quote"]) for e in letter["evidence"]]
    assert len(quotes) == len(set(quotes))
    # The lab's own list of who pressed it counts the letter to eight firms once.
    pressers = client.get("/labs/openai/pressure").json()["pressed_by"]
    senators = [p for p in pressers if p["by"]["id"] == "ben-ray-lujan"]
    assert [len(p["actions"]) for p in senators] == [1]
