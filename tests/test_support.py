"""Evidence must support its fact: a quote names an end, marks words that stand for one, or says how."""

from __future__ import annotations

import pytest

from graph.cypher import QueryLibrary
from graph.kglite_store import KgliteStore
from ingest.corpus import build_dataset, read_corpus
from ingest.problems import IngestError
from ingest.support import mentions, unsupported
from ingest.texts import TextArchive
from pledgegraph.cli import main
from pledgegraph.pipeline import ingest, read_dataset
from pledgegraph.settings import Settings
from tests.conftest import snapshot
from tests.test_ingest import _break


def test_names_match_as_whole_words_whatever_the_typography() -> None:
    assert mentions("OpenAI’s new policy", "OpenAI")  # possessive, typographic apostrophe
    assert mentions("the LAB’S pledge", "lab's")
    assert mentions("a pledge — “to halt training”", 'pledge - "to halt training"')
    assert mentions("Example  Lab\nsaid", "example lab")  # case and runs of whitespace
    assert not mentions("metadata about models", "Meta")  # not inside a word
    assert not mentions("the rules", "")


def test_the_fixture_data_supports_every_fact(settings: Settings) -> None:
    dataset = read_dataset(settings)
    assert unsupported(dataset.statements, dataset.entities) == []
    marked = next(s for s in dataset.statements if s.edge == "SUPERSEDED_BY")
    assert marked.evidence["refers_to"] == ["new rule = delay-rule"]


def test_a_quote_naming_neither_end_is_listed_with_where_and_how_to_fix(settings: Settings) -> None:
    _break(settings, "    refers_to: [new rule = delay-rule]\n", "")
    dataset = read_dataset(settings)  # loadable: the check lists, it does not refuse
    [problem] = unsupported(dataset.statements, dataset.entities)
    assert problem.file.name == "claims.yaml" and problem.line == 17
    assert problem.field == "facts[1].evidence[0].quote"
    text = str(problem)
    assert "names neither end of halt-pledge SUPERSEDED_BY delay-rule" in text
    assert "Halt training when tests fail or Delay release of risky models" in text
    assert "refers_to" in text and "support:" in text


def test_a_support_note_explains_a_quote_that_names_neither_end(settings: Settings) -> None:
    _break(
        settings,
        "    refers_to: [new rule = delay-rule]\n",
        "    support: The source's sentence on the rule that replaced the pledge.\n",
    )
    dataset = read_dataset(settings)
    assert unsupported(dataset.statements, dataset.entities) == []
    marked = next(s for s in dataset.statements if s.edge == "SUPERSEDED_BY")
    assert marked.evidence["support"].startswith("The source's sentence")


@pytest.mark.parametrize(
    ("marked", "message"),
    [
        ("[old rule = delay-rule]", r"'old rule' does not occur in the quote"),
        (
            "[new rule = jane-roe]",
            r"'jane-roe' is not an end of the fact \(halt-pledge or delay-rule\)",
        ),
        ("[new rule = nobody]", r"'nobody' is no known entity"),
        ("[new rule]", r"'new rule' is not of the form `words = entity id`"),
    ],
)
def test_marked_words_must_be_in_the_quote_and_stand_for_an_end(
    settings: Settings, marked: str, message: str
) -> None:
    _break(settings, "[new rule = delay-rule]", marked)
    with pytest.raises(
        IngestError, match=r"claims.yaml:18: facts\[1\]\.evidence\[0\]\.refers_to: " + message
    ):
        build_dataset(read_corpus(settings.data), TextArchive(settings.texts))


def test_marked_words_resolve_names_and_aliases_to_ids(settings: Settings) -> None:
    _break(settings, "[new rule = delay-rule]", "[new rule = Delay release of risky models]")
    [marked] = [s for s in read_dataset(settings).statements if s.edge == "SUPERSEDED_BY"]
    assert marked.evidence["refers_to"] == ["new rule = delay-rule"]


def test_verify_lists_unsupported_quotes_and_fails(
    settings: Settings, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["verify", "--data", str(settings.data), "--texts", str(settings.texts)]
    assert main(args) == 0
    assert "4 of 4 quote(s) name an end of their fact" in capsys.readouterr().out
    _break(settings, "    refers_to: [new rule = delay-rule]\n", "")
    assert main(args) == 1
    out, err = capsys.readouterr()
    assert "3 of 4 quote(s)" in out
    assert "unsupported: " in err and "facts[1].evidence[0].quote" in err


def test_every_bundled_quote_supports_its_fact_or_says_how(bundled_settings: Settings) -> None:
    """New data fails here until each quote names an end, marks words for one, or explains."""
    dataset = read_dataset(bundled_settings)
    problems = unsupported(dataset.statements, dataset.entities)
    assert not problems, "\n".join(str(p) for p in problems)


def test_answers_and_pages_carry_the_marked_words_and_the_support_note(
    bundled_settings: Settings,
) -> None:
    from fastapi.testclient import TestClient

    from api.app import create_app

    with TestClient(create_app(bundled_settings)) as client:
        dropped = client.get("/labs/anthropic/dropped").json()
        evidence = [e for row in dropped["dropped"] for e in row["evidence"]]
        assert {"its pledge = anthropic-pause-or-delay-pledge"} <= {
            w for e in evidence for w in e.get("refers_to") or []
        }
        pressure = client.get("/pressure", params={"target": "anthropic"}).json()
        notes = [e["support"] for row in pressure for e in row["evidence"] if e.get("support")]
        assert "The deadline Hegseth set Anthropic, as the source quotes it." in notes
        page = client.get("/labs/anthropic/page").text
        assert "how it supports this: The deadline Hegseth set Anthropic" in page


def test_a_new_support_note_updates_the_stored_statement(
    settings: Settings, store: KgliteStore, queries: QueryLibrary
) -> None:
    ingest(store, settings)
    _break(
        settings,
        "    refers_to: [new rule = delay-rule]\n",
        "    refers_to: [new rule = delay-rule]\n    support: The rule that replaced the pledge.\n",
    )
    report = ingest(store, settings, ["fx-article"])
    assert (report.added, report.removed, report.updated, report.unchanged) == (0, 0, 1, 2)
    assert "2 unchanged, 1 updated" in str(report)
    [replaced] = [s for s in snapshot(store, queries)[1] if s["edge"] == "SUPERSEDED_BY"]
    assert replaced["properties"]["support"] == "The rule that replaced the pledge."
    assert replaced["properties"]["refers_to"] == ["new rule = delay-rule"]
