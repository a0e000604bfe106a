"""A small data folder and text archive the tests write themselves."""

from __future__ import annotations

from pathlib import Path
from textwrap import dedent

TEXT = dedent(
    """\
    Example Lab drops its promise

    On Monday, Example Lab said it would no longer keep its pledge “to halt training when tests fail”.
    The lab’s new rule — a narrower one — only delays release   of risky models.
    Minister Jane Roe gave Example Lab a deadline of noon on Friday to remove its limits, or lose its licence.
    """
)

ENTITIES = dedent(
    """\
    entities:
    - id: example-lab
      kind: Lab
      name: Example Lab
      aliases: [Example Lab Inc]
    - id: jane-roe
      kind: Person
      name: Jane Roe
    - id: halt-pledge
      kind: Commitment
      name: Halt training when tests fail
      text: The lab would halt training when safety tests fail.
    - id: delay-rule
      kind: Commitment
      name: Delay release of risky models
      text: The lab would delay the release of risky models.
    """
)

SOURCE = dedent(
    """\
    id: fx-article
    name: Example Lab drops its promise
    publisher: Example News
    url: https://news.example/lab-drops-promise
    published: 2026-03-02
    language: en
    """
)

CLAIMS = dedent(
    """\
    facts:
    # The drop.
    - from: Example Lab Inc
      edge: DROPPED
      to: halt-pledge
      date: 2026-03-02
      evidence:
      - quote: it would no longer keep its pledge "to halt training when tests fail"
    - from: halt-pledge
      edge: SUPERSEDED_BY
      to: delay-rule
      change: weakened
      judged_by: curators
      basis: The source calls the new rule a narrower one.
      date: 2026-03-02
      evidence:
      - quote: The lab's new rule - a narrower one - only delays release of risky models.
        refers_to: [new rule = delay-rule]
    - from: Jane Roe
      edge: PRESSURED
      to: example lab
      demand: Remove its limits.
      deadline: 2026-03-06T12:00
      threat: Loss of its licence.
      evidence:
      - quote: gave Example Lab a deadline of noon on Friday to remove its limits
    """
)

OTHER_SOURCE = dedent(
    """\
    id: fx-other
    name: Example Lab's 2024 pledge
    publisher: Other News
    url: https://other.example/pledge
    published: 2024-05-01
    """
)

OTHER_CLAIMS = dedent(
    """\
    facts:
    - from: example-lab
      edge: MADE
      to: halt-pledge
      date: 2024
      binding: binding
      evidence:
      - quote: Example Lab pledged to halt training when tests fail.
    """
)


def write_fixture(root: Path) -> tuple[Path, Path]:
    """Write a data folder and a text archive under ``root``; return (data, texts)."""
    data, texts = root / "data", root / "texts"
    (data / "sources" / "fx-article").mkdir(parents=True)
    (data / "sources" / "fx-other").mkdir(parents=True)
    texts.mkdir()
    (data / "entities.yaml").write_text(ENTITIES, encoding="utf-8")
    (data / "sources" / "fx-article" / "source.yaml").write_text(SOURCE, encoding="utf-8")
    (data / "sources" / "fx-article" / "claims.yaml").write_text(CLAIMS, encoding="utf-8")
    (data / "sources" / "fx-other" / "source.yaml").write_text(OTHER_SOURCE, encoding="utf-8")
    (data / "sources" / "fx-other" / "claims.yaml").write_text(OTHER_CLAIMS, encoding="utf-8")
    (texts / "fx-article.txt").write_text(TEXT, encoding="utf-8")
    return data, texts
