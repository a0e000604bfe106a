"""The questions the third research sheet makes natural, answered over HTTP (the ASGI app on the
bundled data), in the Browser guide and in RDF (parsed back with pyoxigraph)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from pledgegraph.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
PG = "https://w3id.org/pledgegraph/vocab#"


@pytest.fixture(scope="module")
def client(bundled_settings: Settings) -> Iterator[TestClient]:
    with TestClient(create_app(bundled_settings)) as client:
        yield client


def test_what_regulators_and_courts_did_to_anthropic_this_year(client: TestClient) -> None:
    body = client.get("/labs/Anthropic/regulators", params={"from": "2026-01-01"}).json()
    assert body["lab"]["id"] == "anthropic" and body["from"] == "2026-01-01"
    dates = [a["date"] for a in body["actions"]]
    assert dates == sorted(dates, reverse=True) and min(dates) >= "2026-01-01"
    [stay] = [a for a in body["actions"] if a["edge"] == "RULED" and a["date"] == "2026-04-08"]
    assert [s["id"] for s in stay["subjects"]] == ["us-court-of-appeals-dc"]
    assert stay["in_favour"] is False and "26-1049" in stay["case_name"]
    assert "stringent requirements for a stay" in stay["evidence"][0]["quote"]
    # The Defense Secretary acts as an official (he holds a role in a government body).
    assert any(s["id"] == "pete-hegseth" for a in body["actions"] for s in a["subjects"])
    # The NSA's use of Anthropic's model is an authorisation of the lab's model.
    assert any(
        a["edge"] == "AUTHORIZED" and a["objects"][0]["id"] == "claude-mythos"
        for a in body["actions"]
    )


def test_the_dc_circuit_hearing_is_answered_with_its_evidence(client: TestClient) -> None:
    body = client.get(
        "/labs/anthropic/after-pressure", params={"by": "Pete Hegseth", "days": 120}
    ).json()
    [ultimatum] = [p for p in body["pressure"] if p["date"] == "2026-02-24"]
    assert ultimatum["deadline"] == "2026-02-27T17:01:00"
    followed = [
        (f["date"], f["edge"], f["from"]["id"], f["to"]["id"]) for f in ultimatum["followed"]
    ]
    assert ("2026-02-24", "DROPPED", "anthropic", "anthropic-pause-or-delay-pledge") in followed
    assert ("2026-03-26", "RULED", "us-federal-court", "anthropic") in followed
    assert [f[0] for f in followed] == sorted(f[0] for f in followed)
    assert all(f["quote"] and f["source"]["id"] for f in ultimatum["followed"])
    # The D.C. Circuit's hearing on the designation (2026-05-19), with the judge's words.
    day = client.get("/timeline", params={"from": "2026-05-19", "to": "2026-05-19"}).json()
    [henderson] = [e for e in day if e["subjects"][0]["id"] == "karen-henderson"]
    assert henderson["edge"] == "CRITICIZED" and "spectacular overreach" in henderson["criticism"]
    assert "supply chain risk" in henderson["evidence"][0]["quote"]


def test_googles_classified_deal_came_the_day_after_its_employees_letter(
    client: TestClient,
) -> None:
    body = client.get("/labs/google/after-pressure", params={"days": 1}).json()
    [letter] = [p for p in body["pressure"] if p["date"] == "2026-04-27"]
    assert [b["id"] for b in letter["by"]] == ["google-employees"] and letter["action"] == "letter"
    signed = [f for f in letter["followed"] if f["edge"] == "SIGNED"]
    assert [(f["date"], f["to"]["id"]) for f in signed] == [
        ("2026-04-28", "pentagon-all-lawful-use")
    ]
    assert "veto" in signed[0]["quote"]


def test_which_labs_changed_their_frameworks_in_april_2026(client: TestClient) -> None:
    body = client.get(
        "/frameworks/changes", params={"from": "2026-04-01", "to": "2026-04-30"}
    ).json()
    found = {(c["lab"]["id"], c["edge"], c["what"]["id"]) for c in body["changes"]}
    assert ("google-deepmind", "PUBLISHED", "gdm-frontier-safety-framework-v3-1") in found
    assert ("meta", "SUPERSEDED_BY", "meta-stop-on-critical-risk") in found  # its new framework
    assert ("anthropic", "PUBLISHED", "anthropic-rsp-v3-1") in found
    assert all("2026-04-01" <= c["date"] <= "2026-04-30" and c["evidence"] for c in body["changes"])
    [fsf] = [
        c
        for c in body["changes"]
        if c["edge"] == "SUPERSEDED_BY" and c["lab"]["id"] == "google-deepmind"
    ]
    assert (
        fsf["replaced_by"]["id"] == "gdm-fsf-v3-1-tracked-levels" and fsf["judged_by"] == "source"
    )
    one = client.get("/frameworks/changes", params={"lab": "Meta", "from": "2026-04-01"}).json()
    assert one["lab"]["id"] == "meta" and {c["lab"]["id"] for c in one["changes"]} == {"meta"}


@pytest.mark.parametrize(
    ("path", "params", "status"),
    [
        ("/labs/no-such-lab/regulators", {}, 404),
        ("/labs/anthropic/regulators", {"from": "2026-05-01", "to": "2026-01-01"}, 422),
        ("/labs/anthropic/after-pressure", {"days": "-1"}, 422),
        ("/labs/anthropic/after-pressure", {"by": "nobody-at-all"}, 404),
        ("/frameworks/changes", {"lab": "no-such-lab"}, 404),
        ("/frameworks/changes", {"from": "yesterday"}, 422),
    ],
)
def test_bad_parameters_get_a_clear_error(
    client: TestClient, path: str, params: dict[str, str], status: int
) -> None:
    response = client.get(path, params=params)
    assert response.status_code == status, response.text
    assert response.json()["detail"]


def test_the_browser_guide_asks_the_new_questions() -> None:
    guide = (ROOT / "docs" / "neo4j" / "browser-guide.md").read_text(encoding="utf-8")
    for name in ("regulator_actions", "after_pressure", "framework_changes"):
        assert name in guide


def test_the_dc_circuit_ruling_is_in_the_rdf_export(client: TestClient) -> None:
    response = client.get("/export", params={"format": "nquads"})
    assert response.status_code == 200
    store = ox.Store()
    store.load(response.content, format=ox.RdfFormat.N_QUADS)
    rows = list(
        store.query(
            f"""SELECT ?ruling ?quote WHERE {{ GRAPH ?g {{
                ?st <{PG}ruling> ?ruling ; <{PG}caseName> ?case ; <{PG}quote> ?quote .
                FILTER(CONTAINS(STR(?case), "26-1049")) }} }}"""
        )
    )
    assert rows and "stay" in rows[0]["ruling"].value
    assert "stringent requirements" in rows[0]["quote"].value


def test_the_home_page_and_the_feed_show_the_newest_events(client: TestClient) -> None:
    home = client.get("/").text
    latest = home.split('<h2 id="changes">Latest changes</h2>')[1].split("</ul>")[0]
    dates = re.findall(r"<time datetime=\"([\d-]+)\">", latest)
    assert dates and dates == sorted(dates, reverse=True) and dates[0] == "2026-06-29"
    pressed = home.split('<h2 id="pressure">Who pressed whom</h2>')[1].split("</ul>")[0]
    assert re.findall(r"<time datetime=\"([\d-]+)\">", pressed)[0] >= "2026-06-01"
    feed = client.get("/feed.atom").text
    first = feed.split("<entry>")[1]
    assert "2026-06-29" in first  # the AI Act's high-risk rules delayed: the newest weakening
