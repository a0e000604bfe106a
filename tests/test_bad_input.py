"""The bad-input corpus (tests/bad_input/) and generated mutations: each broken input gets one clear
message (the file and line or field, what is wrong, how to fix it) and leaves the store as it was."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graph.analytics import SupersessionCycle
from graph.cypher import QueryLibrary
from ingest.problems import IngestError
from ingest.yamlfile import MAX_BYTES
from pledgegraph.cli import main
from pledgegraph.pipeline import build_store, ingest
from pledgegraph.settings import Settings
from pledgegraph.stores import kglite_reader, kglite_writer
from tests.conftest import snapshot
from tests.fixtures import CLAIMS, write_fixture
from tests.test_cli import base

CORPUS = Path(__file__).parent / "bad_input"
CASES = sorted(CORPUS.glob("*.yaml"))


def header(path: Path) -> dict[str, str]:
    lines = path.read_bytes().decode("latin-1").splitlines()
    return {
        key: value.strip()
        for line in lines
        if line.startswith("# ") and ":" in line
        for key, _, value in [line[2:].partition(":")]
        if key in ("replaces", "expect")
    }


def cli_ingest(settings: Settings) -> list[str]:
    return ["ingest", *base(settings)]


def test_the_corpus_covers_the_kinds_of_bad_input() -> None:
    names = {p.stem for p in CASES}
    assert {
        "malformed_yaml",
        "wrong_type",
        "unknown_entity",
        "unknown_edge_type",
        "missing_evidence",
        "empty_evidence",
        "quote_not_in_text",
        "impossible_date",
        "reversed_dates",
        "supersession_cycle",
        "duplicate_entity_id",
        "path_escape",
        "non_utf8",
    } <= names


@pytest.mark.parametrize("case", CASES, ids=[p.stem for p in CASES])
def test_each_bad_input_fails_clearly_and_changes_nothing(
    case: Path, settings: Settings, queries: QueryLibrary, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(cli_ingest(settings)) == 0
    before = snapshot(kglite_reader(settings.store_path, 10_000), queries)
    capsys.readouterr()
    meta = header(case)
    shutil.copyfile(case, settings.data / meta["replaces"])
    assert main(cli_ingest(settings)) == 1
    err = capsys.readouterr().err
    assert err.startswith("error: ") and "Nothing was written to the store." in err
    assert re.search(meta["expect"], err), err
    problems = [line for line in err.splitlines() if line.startswith("  ")]
    assert all(". Fix: " in p or "cycle" in err for p in problems), err
    after = snapshot(kglite_reader(settings.store_path, 10_000), queries)
    assert after == before


def test_an_oversized_file_fails_clearly_and_changes_nothing(
    settings: Settings, queries: QueryLibrary, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(cli_ingest(settings)) == 0
    before = snapshot(kglite_reader(settings.store_path, 10_000), queries)
    claims = settings.data / "sources" / "fx-article" / "claims.yaml"
    claims.write_text(CLAIMS + "#" + "x" * MAX_BYTES + "\n", encoding="utf-8")
    assert main(cli_ingest(settings)) == 1
    assert re.search(
        r"claims\.yaml: .*file is \d+ bytes, over the 2000000 limit. Fix: ", capsys.readouterr().err
    )
    assert snapshot(kglite_reader(settings.store_path, 10_000), queries) == before


# --- generated mutations of a valid claims file ------------------------------------------------

VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-10, 3000),
    st.text(max_size=12),
    st.sampled_from(
        ["2026-02-30", "2026-13-01", "MADE", "DROPPED", "halt-pledge", "jane-roe", "weakened"]
    ),
    st.lists(st.text(max_size=5), max_size=2),
)
KEYS = st.sampled_from(
    [
        "from",
        "edge",
        "to",
        "date",
        "change",
        "evidence",
        "quote",
        "deadline",
        "start",
        "end",
        "rank",
        "binding",
    ]
)


@st.composite
def mutated_claims(draw: st.DrawFn) -> str:
    doc = yaml.safe_load(CLAIMS)
    for _ in range(draw(st.integers(1, 3))):
        facts = doc.get("facts") if isinstance(doc, dict) else None
        if not isinstance(facts, list) or not facts:
            break
        fact = facts[draw(st.integers(0, len(facts) - 1))]
        action = draw(st.sampled_from(["set", "drop", "duplicate", "evidence", "swap"]))
        if action == "set":
            fact[draw(KEYS)] = draw(VALUES)
        elif action == "drop" and fact:
            fact.pop(draw(st.sampled_from(sorted(fact))))
        elif action == "duplicate":
            facts.append(dict(fact))
        elif action == "evidence":
            fact["evidence"] = draw(
                st.one_of(VALUES, st.lists(st.fixed_dictionaries({"quote": VALUES}), max_size=2))
            )
        else:
            fact["from"], fact["to"] = fact.get("to"), fact.get("from")
    return yaml.safe_dump(doc, allow_unicode=True)


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    derandomize=True,  # the same cases on every run: CI stays reproducible
    database=None,
)
@given(text=mutated_claims())
def test_mutated_claims_either_load_or_fail_clearly_without_change(
    tmp_path_factory: pytest.TempPathFactory, text: str
) -> None:
    data, texts = write_fixture(tmp_path_factory.mktemp("mutation"))
    settings = Settings(data=data, texts=texts, store_path=data.parent / "graph.kgl")
    build_store(settings.store_path, settings)
    queries = QueryLibrary()
    before = snapshot(kglite_reader(settings.store_path, 10_000), queries)
    (data / "sources" / "fx-article" / "claims.yaml").write_text(text, encoding="utf-8")
    with kglite_writer(settings.store_path) as store:
        try:
            ingest(store, settings)
        except IngestError as err:
            assert err.problems and all(str(data) in str(p.file) for p in err.problems)
            assert all(". Fix: " in str(p) for p in err.problems), str(err)
            assert snapshot(store, queries) == before
        except SupersessionCycle:
            assert snapshot(store, queries) == before
