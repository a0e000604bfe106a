"""Does each quote support its fact? It must name an end, mark the words that stand for one, or say how.

A quote supports a fact such as ``anthropic DROPPED pause-pledge`` when it names Anthropic or the
pledge (by name or alias), when the curators mark the words in it that stand for an end
(``refers_to: ["we = anthropic"]``), or when their ``support`` note explains the support (the quote
is the reason the source gives, the list it belongs to...). Names are matched as whole words,
ignoring case, typographic quotes and dashes.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from functools import lru_cache
from pathlib import Path

from ingest.problems import Problem
from schema.records import EntityRecord, StatementRecord

_TYPOGRAPHIC = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "–": "-", "—": "-"})
FIX = (
    "quote words that name {ends}, mark the words that stand for one "
    '(`refers_to: ["<words> = {first}"]`), or say in `support:` how the quote supports the fact'
)


def normalise(text: str) -> str:
    """Case, typographic quotes and dashes, and runs of whitespace folded away."""
    return " ".join(text.translate(_TYPOGRAPHIC).casefold().split())


@lru_cache(maxsize=4096)
def _pattern(words: str) -> re.Pattern[str]:
    return re.compile(r"(?<!\w)" + re.escape(normalise(words)) + r"(?!\w)")


def mentions(text: str, words: str) -> bool:
    """Whether ``words`` occur in ``text`` as whole words (case and typography aside)."""
    return _found(normalise(text), words)


def _found(normalised: str, words: str) -> bool:
    return bool(words.strip()) and _pattern(words).search(normalised) is not None


def parse_refers_to(
    entries: Sequence[str], quote: str, ends: tuple[str, str], resolve: Callable[[str], str | None]
) -> tuple[list[str], str | None]:
    """Check ``words = entity`` entries against the quote and the fact's ends.

    Returns the entries with each entity given by its id, or an error message.
    """
    out: list[str] = []
    for entry in entries:
        words, sep, name = entry.partition("=")
        words, name = words.strip(), name.strip()
        if not sep or not words or not name:
            return [], f"{entry!r} is not of the form `words = entity id`"
        if not mentions(quote, words):
            return [], f"{words!r} does not occur in the quote"
        entity = resolve(name)
        if entity not in ends:
            return [], (
                f"{name!r} is not an end of the fact ({ends[0]} or {ends[1]})"
                if entity
                else f"{name!r} is no known entity"
            )
        out.append(f"{words} = {entity}")
    return out, None


def names_by_entity(entities: Iterable[EntityRecord]) -> dict[str, list[str]]:
    """Each entity's name and aliases: the words that name it in a quote."""
    names: dict[str, list[str]] = {}
    for entity in entities:
        props = entity.properties
        found = [str(props.get("name") or ""), *(str(a) for a in props.get("aliases") or [])]
        names[entity.id] = [n for n in found if n.strip()]
    return names


def names_an_end(statement: StatementRecord, names: Mapping[str, Sequence[str]]) -> bool:
    """Whether the quote names either end of the statement's fact, or marks words for one."""
    if statement.evidence.get("refers_to"):
        return True
    quote = normalise(str(statement.evidence["quote"]))  # once, not once per name
    return any(
        _found(quote, words)
        for end in (statement.source_id, statement.target_id)
        for words in names.get(end, ())
    )


def unsupported(
    statements: Iterable[StatementRecord], entities: Iterable[EntityRecord]
) -> list[Problem]:
    """Every quote that names neither end of its fact and has no note saying how it supports it."""
    names = names_by_entity(entities)
    problems: list[Problem] = []
    for statement in statements:
        if names_an_end(statement, names) or statement.evidence.get("support"):
            continue
        file, _, line = statement.origin.rpartition(":")
        ends = (statement.source_id, statement.target_id)
        problems.append(
            Problem(
                Path(file or statement.origin),
                int(line) if line.isdigit() else None,
                f"{statement.where}.quote" if statement.where else "quote",
                f"the quote names neither end of {ends[0]} {statement.edge} {ends[1]}: "
                f"{str(statement.evidence['quote'])[:80]!r}",
                FIX.format(ends=" or ".join(_first_name(names, e) for e in ends), first=ends[0]),
            )
        )
    return problems


def _first_name(names: Mapping[str, Sequence[str]], entity: str) -> str:
    found = names.get(entity)
    return found[0] if found else entity
