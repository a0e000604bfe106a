"""The offline extractor on short texts the tests write: one construction at a time, every edge
type, relative dates, quote spans, proposed entities; and the score on the real archived text."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
import yaml

from ingest.extract import SourceText
from ingest.extract.dates import resolve
from ingest.extract.model import Draft
from ingest.extract.rules import RuleExtractor
from ingest.quotes import sha256_text
from schema.records import EntityRecord


def entity(kind: str, entity_id: str, name: str, **props: Any) -> EntityRecord:
    return EntityRecord(kind, entity_id, {"id": entity_id, "name": name, **props})


REGISTRY = [
    entity("Lab", "example-lab", "Example Lab", aliases=["Example Lab Inc"]),
    entity("Lab", "other-lab", "Other Lab"),
    entity("Person", "jane-roe", "Jane Roe", aliases=["Roe"]),
    entity("GovernmentBody", "digital-ministry", "Ministry of Digital Affairs"),
    entity("GovernmentBody", "safety-office", "Safety Office"),
    entity("Organisation", "watch-group", "Watch Group"),
    entity("AIModel", "exemplar", "Exemplar"),
    entity("Policy", "example-policy", "Example Safety Policy"),
    entity(
        "PolicyVersion",
        "example-policy-v2",
        "Example Safety Policy v2",
        version="2",
        published=dt.date(2026, 3, 2),
    ),
    entity("Policy", "safety-accord", "Safety Accord"),
    entity(
        "Commitment",
        "testing-code",
        "Model Testing Code of Practice",
        text="Signatories would let an independent body test their models before release.",
    ),
    entity(
        "Commitment",
        "halt-pledge",
        "Halt training when tests fail",
        text="Example Lab would halt training when safety tests fail.",
    ),
    entity(
        "Commitment",
        "delay-rule",
        "Delay release of risky models",
        text="Example Lab would delay the release of risky models in narrow cases.",
    ),
    entity(
        "Commitment",
        "publish-evals",
        "Publish evaluation results",
        text="Example Lab would publish the results of its safety evaluations for each model.",
    ),
]
MONDAY = dt.date(2026, 3, 2)


def draft(text: str, published: dt.date | None = MONDAY) -> Draft:
    return RuleExtractor().extract(SourceText("t", text, published, "0" * 64), REGISTRY)


def triples(d: Draft) -> set[tuple[str, str, str]]:
    return {f.triple for f in d.facts}


def fact(d: Draft, edge: str) -> Any:
    found = [f for f in d.facts if f.edge == edge]
    assert len(found) == 1, [f.triple for f in d.facts]
    return found[0]


# --- dates -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "future", "want", "precision"),
    [
        ("Friday", True, dt.date(2026, 2, 27), "day"),  # the example: Tuesday's article
        ("on Tuesday", False, dt.date(2026, 2, 24), "day"),  # the day of publication itself
        ("Monday", False, dt.date(2026, 2, 23), "day"),
        ("5.01 p.m. on Friday", True, dt.datetime(2026, 2, 27, 17, 1), "day"),
        ("noon on Friday", True, dt.datetime(2026, 2, 27, 12, 0), "day"),
        ("February 4, 2025", False, dt.date(2025, 2, 4), "day"),
        ("May 2024", False, dt.date(2024, 5, 1), "month"),
        ("in 2018", False, dt.date(2018, 1, 1), "year"),
        ("last week", False, dt.date(2026, 2, 17), "approximate"),
    ],
)
def test_relative_dates_are_read_against_the_publication_date(
    text: str, future: bool, want: dt.date, precision: str
) -> None:
    found = resolve(text, dt.date(2026, 2, 24), future=future)
    assert found is not None and found.value == want and found.precision == precision


# --- one construction per edge type --------------------------------------------------------------


def test_a_dropped_pledge_with_its_date_and_the_implied_earlier_pledge() -> None:
    d = draft(
        "On Monday, Example Lab said it would no longer keep its pledge to halt training when "
        "safety tests fail."
    )
    dropped = fact(d, "DROPPED")
    assert dropped.triple == ("example-lab", "DROPPED", "halt-pledge")
    assert dropped.properties["date"] == MONDAY
    made = fact(d, "MADE")
    assert made.triple == ("example-lab", "MADE", "halt-pledge") and "date" not in made.properties


def test_a_denied_or_demanded_drop_is_no_drop() -> None:
    denied = triples(draft("Example Lab did not drop its pledge to halt training."))
    assert denied == {("example-lab", "MADE", "halt-pledge")}  # the pledge, not a drop
    demanded = draft("Jane Roe urged Example Lab to drop its pledge to halt training.")
    assert ("example-lab", "DROPPED", "halt-pledge") not in triples(demanded)


def test_pressure_with_demand_deadline_threat_and_who_pressed_whom() -> None:
    d = draft(
        "Digital minister Jane Roe gave Example Lab a deadline of noon on Friday to remove its "
        "limits or face the loss of its licence."
    )
    pressed = fact(d, "PRESSURED")
    assert pressed.triple == ("jane-roe", "PRESSURED", "example-lab")
    assert pressed.properties["deadline"] == dt.datetime(2026, 3, 6, 12, 0)
    assert pressed.properties["demand"] == "Remove its limits"
    assert pressed.properties["threat"] == "The loss of its licence"
    assert pressed.properties["action"] == "demand"
    assert pressed.properties["date_precision"] == "approximate"  # reported, not dated


@pytest.mark.parametrize(
    ("sentence", "action"),
    [
        ("The Safety Office opened an investigation into Example Lab on Monday.", "investigation"),
        ("The Safety Office sued Example Lab over its model.", "lawsuit"),
        ("The Safety Office sent a letter to Example Lab on Monday.", "letter"),
    ],
)
def test_kinds_of_pressure(sentence: str, action: str) -> None:
    pressed = fact(draft(sentence), "PRESSURED")
    assert pressed.triple == ("safety-office", "PRESSURED", "example-lab")
    assert pressed.properties["action"] == action


def test_a_weaker_replacement_supersedes_the_dropped_pledge() -> None:
    d = draft(
        "Example Lab dropped its pledge to halt training when tests fail. Its new policy includes "
        "a commitment to delay the release of risky models, but only in narrower cases."
    )
    assert {
        ("example-lab", "DROPPED", "halt-pledge"),
        ("example-lab", "MADE", "delay-rule"),
        ("halt-pledge", "SUPERSEDED_BY", "delay-rule"),
    } <= triples(d)
    assert fact(d, "SUPERSEDED_BY").properties["change"] == "weakened"


@pytest.mark.parametrize(
    "sentence",
    [
        "On Monday Example Lab replaced its pledge to halt training when tests fail with a weaker "
        "rule to delay the release of risky models.",
        "Example Lab's pledge to halt training when tests fail was replaced by a narrower rule to "
        "delay the release of risky models.",
    ],
)
def test_an_explicit_replacement(sentence: str) -> None:
    d = draft(sentence)
    replaced = fact(d, "SUPERSEDED_BY")
    assert replaced.triple == ("halt-pledge", "SUPERSEDED_BY", "delay-rule")
    assert replaced.properties["change"] == "weakened"


def test_a_unit_of_another_organisation() -> None:
    d = draft("Other Lab, a unit of Example Lab, said nothing.")
    assert fact(d, "PART_OF").triple == ("other-lab", "PART_OF", "example-lab")


@pytest.mark.parametrize(
    ("sentence", "person", "org", "role"),
    [
        (
            "Example Lab chief executive Jane Roe said little.",
            "jane-roe",
            "example-lab",
            "Chief executive",
        ),
        (
            "Jane Roe, head of policy at Example Lab, said little.",
            "jane-roe",
            "example-lab",
            "Head of policy",
        ),
        (
            "Jane Roe, a senior vice president at Other Lab, spoke.",
            "jane-roe",
            "other-lab",
            "Senior vice president",
        ),
    ],
)
def test_roles(sentence: str, person: str, org: str, role: str) -> None:
    found = [f for f in draft(sentence).facts if f.edge == "HOLDS_ROLE"]
    assert [(f.from_id, f.to_id, f.properties["role"]) for f in found] == [(person, org, role)]


def test_an_unknown_person_with_a_role_is_proposed() -> None:
    d = draft("Example Lab chief scientist Ada Quill said the tests were thorough.")
    assert [(p.id, p.kind, p.name) for p in d.proposed] == [("ada-quill", "Person", "Ada Quill")]
    assert fact(d, "HOLDS_ROLE").triple == ("ada-quill", "HOLDS_ROLE", "example-lab")


def test_criticism_by_a_named_outsider() -> None:
    d = draft(
        "Example Lab published Example Safety Policy v2 on Monday.\n"
        "“The new policy is much weaker than the old one,” said Jane Roe."
    )
    criticized = fact(d, "CRITICIZED")
    assert criticized.triple == ("jane-roe", "CRITICIZED", "example-policy-v2")


def test_publication_of_a_version_and_the_policy_it_belongs_to() -> None:
    d = draft("Example Lab released Example Safety Policy v2 on Monday.")
    assert fact(d, "PUBLISHED").triple == ("example-lab", "PUBLISHED", "example-policy-v2")
    assert fact(d, "PUBLISHED").properties["date"] == MONDAY
    assert fact(d, "PART_OF").triple == ("example-policy-v2", "PART_OF", "example-policy")


def test_models_authorisations_signatures_breaches() -> None:
    assert ("example-lab", "DEVELOPS", "exemplar") in triples(
        draft("Example Lab's new model Exemplar beat its rivals.")
    )
    assert ("safety-office", "AUTHORIZED", "exemplar") in triples(
        draft("Exemplar is the only model authorized for use by the Safety Office.")
    )
    assert ("example-lab", "SIGNED", "safety-accord") in triples(
        draft("Example Lab signed the Safety Accord in May 2024.")
    )
    breached = draft(
        "Example Lab promised to publish the results of its safety evaluations for each model. "
        "The company never fulfilled that commitment."
    )
    assert ("example-lab", "BREACHED", "publish-evals") in triples(breached)
    assert ("example-lab", "FULFILLED", "publish-evals") not in triples(breached)


def test_fulfilled_and_declined() -> None:
    kept = draft(
        "Example Lab fulfilled its pledge to publish the results of its safety evaluations."
    )
    assert fact(kept, "FULFILLED").properties["extent"] == "full"  # required by the schema
    mixed = draft(
        "Example Lab and Other Lab signed the Safety Accord, but Watch Group declined to sign it."
    )
    assert {t for t in triples(mixed) if t[1] in ("SIGNED", "DECLINED")} == {
        ("example-lab", "SIGNED", "safety-accord"),
        ("other-lab", "SIGNED", "safety-accord"),
        ("watch-group", "DECLINED", "safety-accord"),
    }


def test_an_unknown_organisation_after_a_role_is_proposed() -> None:
    d = draft("Jane Roe, head of policy at the Center for AI Policy, said so.")
    assert [(p.id, p.kind, p.name) for p in d.proposed] == [
        ("center-for-ai-policy", "Organisation", "Center for AI Policy")
    ]
    assert fact(d, "HOLDS_ROLE").triple == ("jane-roe", "HOLDS_ROLE", "center-for-ai-policy")


def test_ratings_name_two_different_parties() -> None:
    d = draft("Watch Group rated Example Lab 34% in its scorecard.")
    rated = fact(d, "RATED")
    assert rated.triple == ("watch-group", "RATED", "example-lab")
    assert rated.properties["score"] == "34%"


def test_every_quote_is_the_exact_text_at_its_span() -> None:
    text = (
        "Example Lab drops its promise\n\n"
        "On Monday, Example Lab said it would no longer keep its pledge “to halt training when "
        "tests fail”.\nDigital minister Jane Roe gave Example Lab a deadline of noon on Friday to "
        "remove its limits.\n"
    )
    d = draft(text)
    assert d.facts
    for f in d.facts:
        assert 0 < f.confidence <= 1
        for start, end in f.spans:
            quote = text[start:end]
            assert quote and quote == quote.strip() and "\n" not in quote


def test_without_a_publication_date_relative_days_are_not_guessed() -> None:
    d = draft(
        "On Monday, Example Lab said it would no longer keep its pledge to halt training.", None
    )
    assert "date" not in fact(d, "DROPPED").properties


def test_dates_from_neighbouring_sentences() -> None:
    d = draft(
        "The Safety Office opened an investigation into Example Lab on February 26.\n"
        "Jane Roe sent a letter to Other Lab two days later."
    )
    letter = next(f for f in d.facts if f.triple == ("jane-roe", "PRESSURED", "other-lab"))
    assert letter.properties["date"] == dt.date(2026, 2, 28)
    dropped = draft(
        "Example Lab has dropped its pledge to halt training when safety tests fail.\n"
        "The company said on Friday that the tests were too slow."
    )
    # "on Friday" in an article of Monday 2026-03-02: the Friday before.
    assert fact(dropped, "DROPPED").properties["date"] == dt.date(2026, 2, 27)


def test_when_a_pledge_was_made_and_when_it_fell_due() -> None:
    d = draft(
        "Example Lab has dropped its pledge to halt training when safety tests fail. "
        "Example Lab first made the promise in 2023."
    )
    made = fact(d, "MADE")
    assert made.properties["date"] == dt.date(2023, 1, 1)
    assert made.properties["date_precision"] == "year"
    due = draft(
        "Example Lab promised to publish the results of its safety evaluations by May 10. "
        "That date passed without a word from the company."
    )
    # A date that "passed" lies before the article (Monday 2026-03-02): May 10 of the year before.
    assert fact(due, "BREACHED").properties["date"] == dt.date(2025, 5, 10)


def test_grades_received_after_the_grader_is_named() -> None:
    d = draft(
        "Watch Group graded the labs on Monday. Example Lab received the best grade, a C+, while "
        "Other Lab received an F."
    )
    assert {(f.to_id, f.properties["score"]) for f in d.facts if f.edge == "RATED"} == {
        ("example-lab", "C+"),
        ("other-lab", "F"),
    }


def test_agreements_named_then_referred_to() -> None:
    d = draft(
        "Example Lab signed the Model Testing Code of Practice on Monday. Other Lab signed only "
        "part of the code. Watch Group refused to sign."
    )
    signed = {f.triple: f.properties for f in d.facts if f.edge in ("SIGNED", "DECLINED")}
    assert set(signed) == {
        ("example-lab", "SIGNED", "testing-code"),
        ("other-lab", "SIGNED", "testing-code"),
        ("watch-group", "DECLINED", "testing-code"),
    }
    assert signed[("other-lab", "SIGNED", "testing-code")]["extent"] == "partial"


def test_roles_in_relative_clauses_and_by_reference() -> None:
    d = draft("Watch Group, whose president is the physicist Ada Quill, wrote to Example Lab.")
    assert [(f.triple, f.properties["role"]) for f in d.facts if f.edge == "HOLDS_ROLE"] == [
        (("ada-quill", "HOLDS_ROLE", "watch-group"), "President")
    ]
    d = draft("Example Lab refused. Jane Roe, the company's chief global affairs officer, said so.")
    assert fact(d, "HOLDS_ROLE").triple == ("jane-roe", "HOLDS_ROLE", "example-lab")


# --- the measured score ------------------------------------------------------------------------


def test_the_founding_article_meets_its_targets(shared_sources: Any) -> None:
    from bench.extract_eval import TARGET_PRECISION, TARGET_RECALL, score_folder
    from pledgegraph.settings import BUNDLED_DATA

    scored = score_folder(BUNDLED_DATA, shared_sources, BUNDLED_DATA / "entities.yaml")
    assert [s.source_id for s in scored] == ["cybernews-anthropic-rsp-v3"]
    facts = scored[0].score.all_facts
    assert facts.precision is not None and facts.precision >= TARGET_PRECISION
    assert facts.recall is not None and facts.recall >= TARGET_RECALL


def test_the_test_articles_curated_quotes_are_verbatim() -> None:
    from bench.extract_eval import ARTICLES, HELDOUT
    from ingest.corpus import build_dataset, read_corpus
    from ingest.texts import TextArchive
    from pledgegraph.settings import BUNDLED_DATA

    for folder in (ARTICLES, HELDOUT):
        corpus = read_corpus(folder, registry=BUNDLED_DATA / "entities.yaml")
        dataset = build_dataset(corpus, TextArchive(folder / "texts"))
        assert dataset.statements and all(s.evidence["verified"] for s in dataset.statements)


def test_every_draft_is_a_valid_claims_file_once_accepted(tmp_path: Path) -> None:
    """Drafts of all the test articles, accepted as they are, read and check like hand-written
    claims: ends resolve, properties fit the schema, quotes sit at their recorded spans."""
    import shutil

    from bench.extract_eval import ARTICLES, HELDOUT
    from ingest.corpus import build_dataset, read_corpus
    from ingest.extract import registry_records
    from ingest.extract.draft import draft_yaml
    from ingest.texts import TextArchive
    from pledgegraph.settings import BUNDLED_DATA

    registry = registry_records(BUNDLED_DATA)
    data, texts = tmp_path / "data", tmp_path / "texts"
    (data / "sources").mkdir(parents=True)
    shutil.copyfile(BUNDLED_DATA / "entities.yaml", data / "entities.yaml")
    texts.mkdir()
    drafted = 0
    for folder in (ARTICLES, HELDOUT):
        for source in sorted((folder / "sources").iterdir()):
            text = (folder / "texts" / f"{source.name}.txt").read_text(encoding="utf-8")
            (texts / f"{source.name}.txt").write_text(text, encoding="utf-8")
            meta = yaml.safe_load((source / "source.yaml").read_text(encoding="utf-8"))
            d = RuleExtractor().extract(
                SourceText(source.name, text, meta["published"], sha256_text(text)), registry
            )
            drafted += len(d.facts)
            (data / "sources" / source.name).mkdir()
            shutil.copyfile(source / "source.yaml", data / "sources" / source.name / "source.yaml")
            body = draft_yaml(d, registry, "rules", dt.date(2026, 11, 26))
            (data / "sources" / source.name / "claims.yaml").write_text(
                body.replace("review: proposed", "review: accepted"), encoding="utf-8"
            )
    dataset = build_dataset(read_corpus(data), TextArchive(texts))
    assert drafted > 40 and len({s.source for s in dataset.statements}) >= 9
    assert all(s.evidence["verified"] for s in dataset.statements)
