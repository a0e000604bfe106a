"""Read a data folder (entities.yaml + one folder per source) into checked statements."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ingest.entities import ID_PATTERN, Declared, Resolver, parse_entity
from ingest.problems import IngestError, Problem
from ingest.progress import steps
from ingest.quotes import QuoteIndex, Span
from ingest.review import REVIEW_KEYS, Pending, accepted, pending
from ingest.review import check as check_review
from ingest.support import parse_refers_to
from ingest.texts import TextArchive
from ingest.yamlfile import line_of, read_yaml
from schema import Schema, load_schema
from schema.records import Dataset, EntityRecord, StatementRecord
from schema.values import convert, partial_date

CONTEXT = 32  # characters of text kept on each side of a verified quote

ENTITIES_FILE = "entities.yaml"
SOURCES_DIR = "sources"
SOURCE_FILE = "source.yaml"
EVENT_KEY = r"[a-z0-9][a-z0-9-]{1,99}"
CLAIMS_FILE = "claims.yaml"
FACT_KEYS = ("from", "edge", "to", "event", "evidence", *REVIEW_KEYS)
# What a source.yaml may hold: the Source properties that are not set by ingest, and text_file.
SOURCE_KEYS = {
    name
    for name in load_schema().node_types["Source"].properties
    if name not in {"archived", "text_sha256"}
} | {"text_file"}


@dataclass
class SourceFolder:
    """One source: its metadata, its claims document and where they live."""

    path: Path
    meta: dict[str, Any]
    claims: Any
    # A copy read in another process carries its claims' entities only, and what awaits review.
    light: bool = False
    waiting: Pending | None = None

    @property
    def id(self) -> str:
        return str(self.meta["id"])

    @property
    def claims_file(self) -> Path:
        return self.path / CLAIMS_FILE


@dataclass
class Corpus:
    """Everything read from a data folder, before statements are built."""

    root: Path
    resolver: Resolver
    sources: list[SourceFolder] = field(default_factory=list)
    round_trip: bool = False  # read with comments and layout, so files can be written back
    pending: list[Pending] = field(default_factory=list)  # drafted items awaiting review


def source_folders(root: Path, only: list[str] | None = None) -> list[Path]:
    """The source folders under ``root/sources`` (all of them, or those named in ``only``)."""
    base = (root / SOURCES_DIR).resolve()
    if not only:
        return sorted(p for p in base.iterdir() if p.is_dir()) if base.is_dir() else []
    chosen = []
    problems = []
    for name in only:
        path = Path(name)
        folder = (path if path.is_dir() else base / name).resolve()
        if not folder.is_relative_to(base):
            problems.append(
                Problem(
                    path,
                    None,
                    "",
                    f"{name!r} is outside the sources folder {base}",
                    f"name a folder under {base}",
                )
            )
        elif not (folder / SOURCE_FILE).is_file():
            problems.append(
                Problem(
                    path,
                    None,
                    "",
                    f"no source folder {name!r} (no {SOURCE_FILE} in {folder})",
                    f"name a folder under {base}",
                )
            )
        else:
            chosen.append(folder)
    if problems:
        raise IngestError(problems)
    return chosen


def _read_source(
    schema: Schema, folder: Path, problems: list[Problem], round_trip: bool = False
) -> SourceFolder | None:
    meta_file = folder / SOURCE_FILE
    claims_file = folder / CLAIMS_FILE
    try:
        meta = read_yaml(meta_file, round_trip)
    except IngestError as err:
        problems.extend(err.problems)
        return None
    if not isinstance(meta, dict):
        problems.append(
            Problem(
                meta_file,
                None,
                "",
                "expected a mapping of source metadata",
                'see README.md, "Sources and claims", for the layout',
            )
        )
        return None
    ok = True
    for key in meta:
        if key not in SOURCE_KEYS:
            problems.append(
                Problem(
                    meta_file,
                    line_of(meta, key),
                    str(key),
                    f"unknown field {key!r}",
                    f"use only {', '.join(sorted(SOURCE_KEYS))}",
                )
            )
            ok = False
    if meta.get("id") != folder.name or not ID_PATTERN.fullmatch(str(meta.get("id"))):
        problems.append(
            Problem(
                meta_file,
                line_of(meta, "id"),
                "id",
                f"id {meta.get('id')!r} must be a slug equal to the folder name {folder.name!r}",
                "rename the folder or the id",
            )
        )
        ok = False
    text_file = meta.get("text_file")
    if text_file is not None and (
        not isinstance(text_file, str) or Path(text_file).name != text_file
    ):
        problems.append(
            Problem(
                meta_file,
                line_of(meta, "text_file"),
                "text_file",
                f"{text_file!r} is not a plain file name",
                "name a file directly inside the text archive",
            )
        )
        ok = False
    props = schema.node_types["Source"].properties
    for key, prop in props.items():
        if key in meta and key in SOURCE_KEYS and key != "id":
            why = prop.check(meta[key])
            if why:
                problems.append(
                    Problem(meta_file, line_of(meta, key), key, why, f"give {key} as {prop.kind}")
                )
                ok = False
        elif (
            prop.required
            and prop.set_in != "ingest"
            and key not in meta
            and key not in {"archived", "text_sha256"}
        ):
            problems.append(
                Problem(
                    meta_file,
                    line_of(meta),
                    key,
                    f"source metadata requires {key!r}",
                    f"add `{key}:`",
                )
            )
            ok = False
    if "url" not in meta and not meta.get("description"):
        problems.append(
            Problem(
                meta_file,
                line_of(meta),
                "url",
                "a source without a url must say why in its description",
                "add `url:` (with `url_scope: site` if only the publication's address is known), "
                "or a `description:` saying why there is none",
            )
        )
        ok = False
    if not claims_file.is_file():
        problems.append(
            Problem(
                claims_file,
                None,
                "",
                "the source has no claims file",
                f"draft one with `pledgegraph extract {folder.name} --output {claims_file}`, "
                f"or write {CLAIMS_FILE} with `facts:`",
            )
        )
        return None
    try:
        claims = read_yaml(claims_file, round_trip)
    except IngestError as err:
        problems.extend(err.problems)
        return None
    if not isinstance(claims, dict) or not isinstance(claims.get("facts"), list):
        problems.append(
            Problem(
                claims_file,
                None,
                "facts",
                "expected a mapping with a `facts:` list",
                "start the file with `facts:`",
            )
        )
        return None
    return SourceFolder(folder, meta, claims) if ok else None


def read_corpus(
    root: Path,
    only: list[str] | None = None,
    schema: Schema | None = None,
    round_trip: bool = False,
    registry: Path | None = None,
    sources: Callable[[Schema, Corpus, list[Problem]], None] | None = None,
) -> Corpus:
    """Read entities and source folders; raise IngestError listing every problem found.

    ``round_trip`` keeps the claims' comments and layout, for writing them back (`verify`).
    ``registry`` is the entities file to use instead of ``root/entities.yaml``. ``sources``, when
    given, reads the source folders instead (ingest/parallel.py: in other processes) and adds
    them to the corpus in folder order with `register_source`.
    """
    schema = schema or load_schema()
    problems: list[Problem] = []
    corpus = Corpus(root=root, resolver=Resolver(), round_trip=round_trip)
    entities_file = registry or root / ENTITIES_FILE
    if entities_file.is_file():
        try:
            doc = read_yaml(entities_file, round_trip)
        except IngestError as err:
            problems.extend(err.problems)
            doc = None
        items = doc.get("entities") if isinstance(doc, dict) else None
        if doc is not None and not isinstance(items, list):
            problems.append(
                Problem(
                    entities_file,
                    None,
                    "entities",
                    "expected an `entities:` list",
                    "start the file with `entities:`",
                )
            )
        declare_entities(schema, corpus.resolver, items or [], entities_file, "entities", problems)
    if sources is None:
        seen: set[str] = set()
        for folder in steps(source_folders(root, only), "reading sources"):
            source = _read_source(schema, folder, problems, round_trip)
            if source is not None:
                register_source(schema, corpus, source, seen, problems)
    else:
        sources(schema, corpus, problems)
    finish_corpus(corpus, problems)
    return corpus


def register_source(
    schema: Schema, corpus: Corpus, source: SourceFolder, seen: set[str], problems: list[Problem]
) -> None:
    """Add a source read from its folder to ``corpus``, declaring the entities its claims name."""
    if source.id in seen:
        problems.append(
            Problem(
                source.path / SOURCE_FILE,
                None,
                "id",
                f"duplicate source id {source.id!r}",
                "give each source its own id",
            )
        )
        return
    seen.add(source.id)
    corpus.sources.append(source)
    extra = source.claims.get("entities", [])
    if not isinstance(extra, list):
        problems.append(
            Problem(
                source.claims_file,
                line_of(source.claims, "entities"),
                "entities",
                "expected a list",
                "write entities as a YAML list",
            )
        )
        extra = []
    declare_entities(schema, corpus.resolver, extra, source.claims_file, "entities", problems)


def finish_corpus(corpus: Corpus, problems: list[Problem]) -> None:
    """Collect what awaits review and check that no source id is an entity's; raise IngestError
    listing every problem found."""
    for source in corpus.sources:
        waiting = source.waiting if source.light else pending(source.claims, source.claims_file)
        if waiting is not None:
            corpus.pending.append(waiting)
        clash = corpus.resolver.entities.get(source.id)
        if clash is not None:
            problems.append(
                Problem(
                    source.path / SOURCE_FILE,
                    line_of(source.meta, "id"),
                    "id",
                    f"source id {source.id!r} is also the id of a {clash.record.kind} declared at "
                    f"{clash.file}:{clash.line}; every node needs its own id",
                    "rename the source folder and its id (for example with the publisher's name)",
                )
            )
    if problems:
        raise IngestError(problems)


def declare_entities(
    schema: Schema,
    resolver: Resolver,
    items: list[Any],
    file: Path,
    prefix: str,
    problems: list[Problem],
) -> None:
    """Add accepted entity declarations to ``resolver``; problems say what is wrong."""
    for index, raw in enumerate(items):
        where = f"{prefix}[{index}]"
        if not check_review(raw, file, where, line_of(raw), problems) or not accepted(raw):
            continue  # proposed or rejected by review: not part of the registry
        record = parse_entity(schema, raw, file, where, problems)
        if record is not None:
            resolver.add(Declared(record, file, line_of(raw)), where, problems)


def build_dataset(corpus: Corpus, texts: TextArchive, schema: Schema | None = None) -> Dataset:
    """Turn every fact of every source into statements, checking quotes where texts are at hand."""
    schema = schema or load_schema()
    problems: list[Problem] = []
    dataset = Dataset(entities=[d.record for d in corpus.resolver.entities.values()])
    for source in steps(corpus.sources, "checking facts"):
        dataset.add_source(
            source.id, *build_source(schema, corpus.resolver, source, texts, problems)
        )
    if problems:
        raise IngestError(problems)
    return dataset


def build_source(
    schema: Schema,
    resolver: Resolver,
    source: SourceFolder,
    texts: TextArchive,
    problems: list[Problem],
) -> tuple[list[StatementRecord], EntityRecord]:
    """One source's statements (quotes checked where its text is at hand) and its node."""
    index = texts.lookup(source.id, source.meta.get("text_file"))
    statements = _source_statements(schema, resolver, source, index, problems)
    return statements, _source_entity(schema, source, index, statements)


def _source_entity(
    schema: Schema,
    source: SourceFolder,
    index: QuoteIndex | None,
    statements: list[StatementRecord],
) -> EntityRecord:
    props = schema.node_types["Source"].properties
    values = {k: convert(props[k], v) for k, v in source.meta.items() if k in props}
    values["archived"] = index is not None
    sha = (
        index.sha256
        if index
        else next(
            (s.evidence["text_sha256"] for s in statements if s.evidence.get("text_sha256")), None
        )
    )
    if sha:
        values["text_sha256"] = sha
    return EntityRecord(kind="Source", id=source.id, properties=values)


def _source_statements(
    schema: Schema,
    resolver: Resolver,
    source: SourceFolder,
    index: QuoteIndex | None,
    problems: list[Problem],
) -> list[StatementRecord]:
    file = source.claims_file
    out: list[StatementRecord] = []
    seen: dict[str, int | None] = {}
    proposed = frozenset(
        str(e.get("id"))
        for e in source.claims.get("entities") or []
        if isinstance(e, dict) and not accepted(e)
    )
    for number, fact in enumerate(source.claims["facts"]):
        where = f"facts[{number}]"
        line = line_of(fact) or line_of(source.claims["facts"], number)
        if not check_review(fact, file, where, line, problems) or not accepted(fact):
            continue  # proposed or rejected by review: not loaded
        before = len(problems)
        parsed = parse_fact(schema, resolver, fact, file, where, line, problems, proposed)
        if parsed is None:
            continue
        edge, from_id, to_id, facts = parsed
        items = fact.get("evidence")
        if not isinstance(items, list) or not items:
            problems.append(
                Problem(
                    file,
                    line_of(fact, "evidence") or line,
                    f"{where}.evidence",
                    "every fact needs evidence: at least one quote from the source",
                    'add `evidence: [{quote: "..."}]` with a verbatim quote',
                )
            )
            continue
        for e_number, item in enumerate(items):
            e_where = f"{where}.evidence[{e_number}]"
            evidence = _parse_evidence(
                schema,
                edge,
                source,
                index,
                item,
                file,
                e_where,
                line_of(items, e_number) or line,
                problems,
            )
            if evidence is None or len(problems) > before:
                continue
            if "refers_to" in evidence:
                marked, why = parse_refers_to(
                    evidence["refers_to"], evidence["quote"], (from_id, to_id), resolver.resolve
                )
                if why:
                    problems.append(
                        Problem(
                            file,
                            line_of(item, "refers_to") or line_of(items, e_number) or line,
                            f"{e_where}.refers_to",
                            why,
                            "mark words that occur in the quote and stand for one of the fact's "
                            "ends, as `words = entity id`",
                        )
                    )
                    continue
                evidence["refers_to"] = marked
            statement = StatementRecord(
                edge,
                from_id,
                to_id,
                facts,
                evidence,
                origin=f"{file}:{line_of(items, e_number) or line}",
                where=e_where,
                explicit_event=fact.get("event"),
            )
            if statement.id in seen:
                problems.append(
                    Problem(
                        file,
                        line_of(items, e_number) or line,
                        e_where,
                        f"duplicate fact: the same statement is stated at line {seen[statement.id]}",
                        "remove one of the two",
                    )
                )
                continue
            seen[statement.id] = line_of(items, e_number) or line
            out.append(statement)
    return out


def parse_fact(
    schema: Schema,
    resolver: Resolver,
    fact: Any,
    file: Path,
    where: str,
    line: int | None,
    problems: list[Problem],
    proposed: frozenset[str] = frozenset(),
) -> tuple[str, str, str, dict[str, Any]] | None:
    """Check one fact: edge type, ends resolved and allowed, properties; None if broken."""
    if not isinstance(fact, dict):
        problems.append(
            Problem(
                file,
                line,
                where,
                "expected a mapping with from, edge, to and evidence",
                "write the fact as `- from: ...`",
            )
        )
        return None
    edge_name = fact.get("edge")
    if edge_name not in schema.edge_types:
        problems.append(
            Problem(
                file,
                line_of(fact, "edge") or line,
                f"{where}.edge",
                f"unknown edge type {edge_name!r}",
                f"use one of {', '.join(schema.edge_types)}",
            )
        )
        return None
    edge = schema.edge_types[edge_name]
    ends: list[str] = []
    for key, allowed in (("from", edge.sources), ("to", edge.targets)):
        name = fact.get(key)
        entity_id = resolver.resolve(name)
        key_line = line_of(fact, key) or line
        if entity_id is None:
            hint = (
                resolver.suggest(str(name))
                if isinstance(name, str)
                else f"add `{key}:` naming an entity"
            )
            if isinstance(name, str) and name in proposed:
                hint = (
                    f"{name!r} is still proposed in this file's `entities:`; accept it there first"
                )
            problems.append(
                Problem(file, key_line, f"{where}.{key}", f"unknown entity {name!r}", hint)
            )
            continue
        kind = resolver.entities[entity_id].record.kind
        if not any(schema.is_a(kind, a) for a in allowed):
            problems.append(
                Problem(
                    file,
                    key_line,
                    f"{where}.{key}",
                    f"{edge_name} cannot go {key} a {kind} ({entity_id!r})",
                    f"{key} must be a {' or '.join(allowed)}",
                )
            )
            continue
        ends.append(entity_id)
    settable = schema.settable(edge_name, "fact")
    facts: dict[str, Any] = {}
    for key, value in fact.items():
        if key in FACT_KEYS:
            continue
        key_line = line_of(fact, key) or line
        prop = settable.get(key)
        if prop is None:
            problems.append(
                Problem(
                    file,
                    key_line,
                    f"{where}.{key}",
                    f"{edge_name} has no property {key!r}",
                    f"use one of {', '.join(settable)}",
                )
            )
            continue
        if prop.kind == "date":
            value, precision = partial_date(value)
            if precision and f"{key}_precision" in settable and f"{key}_precision" not in fact:
                facts[f"{key}_precision"] = precision
        why = prop.check(value)
        if why:
            problems.append(
                Problem(file, key_line, f"{where}.{key}", why, f"give {key} as {prop.kind}")
            )
            continue
        facts[key] = convert(prop, value)
    for name, prop in settable.items():
        if prop.required and name not in fact:
            problems.append(
                Problem(
                    file,
                    line,
                    f"{where}.{name}",
                    f"{edge_name} requires {name!r}",
                    f"add `{name}:` to the fact",
                )
            )
    start, end = facts.get("start"), facts.get("end")
    if isinstance(start, dt.date) and isinstance(end, dt.date) and end < start:
        problems.append(
            Problem(
                file,
                line_of(fact, "end") or line,
                f"{where}.end",
                f"end {end} is before start {start}",
                "swap or correct the dates",
            )
        )
    for key in ("date", "start", "end"):
        if f"{key}_precision" in facts and key not in facts:
            problems.append(
                Problem(
                    file,
                    line_of(fact, f"{key}_precision") or line,
                    f"{where}.{key}_precision",
                    f"a precision without a {key}",
                    f"add `{key}:` or remove `{key}_precision:`",
                )
            )
    explicit = fact.get("event")
    if explicit is not None and not (
        isinstance(explicit, str) and re.fullmatch(EVENT_KEY, explicit)
    ):
        problems.append(
            Problem(
                file,
                line_of(fact, "event") or line,
                f"{where}.event",
                f"event key {explicit!r} is not a slug",
                "name the event with lower-case letters, digits and hyphens, the same key in every "
                "fact (in any source) that reports the same event, e.g. `event: senators-letter-openai-2024-07`",
            )
        )
    judged = [k for k, p in settable.items() if p.judgement and k in facts]
    for missing in ("judged_by", "basis"):
        if judged and missing not in facts and missing in settable:
            problems.append(
                Problem(
                    file,
                    line,
                    f"{where}.{missing}",
                    f"the judgement{'s' if len(judged) > 1 else ''} {', '.join(judged)} "
                    f"{'name' if len(judged) > 1 else 'names'} no {'author' if missing == 'judged_by' else 'basis'}",
                    "add `judged_by: curators` (or `source` when the source itself says it)"
                    if missing == "judged_by"
                    else "add `basis:` saying what in the source the judgement rests on",
                )
            )
    for extra in ("judged_by", "basis"):
        if extra in facts and not judged:
            problems.append(
                Problem(
                    file,
                    line_of(fact, extra) or line,
                    f"{where}.{extra}",
                    f"{extra} without a judgement to go with it",
                    "remove it, or add the judgement (severity, change, disclosure) it explains",
                )
            )
    if edge_name == "SUPERSEDED_BY" and len(ends) == 2 and ends[0] == ends[1]:
        problems.append(
            Problem(
                file,
                line,
                where,
                f"{ends[0]!r} cannot supersede itself",
                "name the replacing commitment in `to:`",
            )
        )
    if len(ends) != 2:
        return None
    return edge_name, ends[0], ends[1], facts


def _parse_evidence(
    schema: Schema,
    edge: str,
    source: SourceFolder,
    index: QuoteIndex | None,
    item: Any,
    file: Path,
    where: str,
    line: int | None,
    problems: list[Problem],
) -> dict[str, Any] | None:
    if not isinstance(item, dict):
        problems.append(
            Problem(file, line, where, "expected a mapping with a quote", 'write `- quote: "..."`')
        )
        return None
    settable = schema.settable(edge, "evidence")
    evidence: dict[str, Any] = {"source": source.id}
    for key, value in item.items():
        if key == "verified":
            continue
        prop = settable.get(key)
        if prop is None:
            problems.append(
                Problem(
                    file,
                    line_of(item, key) or line,
                    f"{where}.{key}",
                    f"evidence has no field {key!r}",
                    f"use {', '.join([*settable, 'verified'])}",
                )
            )
            return None
        why = prop.check(value)
        if why:
            problems.append(
                Problem(
                    file,
                    line_of(item, key) or line,
                    f"{where}.{key}",
                    why,
                    "quote the source verbatim" if key == "quote" else f"give {key} as {prop.kind}",
                )
            )
            return None
        evidence[key] = [str(v) for v in value] if prop.kind == "string_list" else str(value)
    if "quote" not in evidence:
        problems.append(
            Problem(
                file,
                line,
                f"{where}.quote",
                "evidence without a quote",
                "add `quote:` with words copied verbatim from the source",
            )
        )
        return None
    quote = evidence["quote"]
    record = _recorded(item.get("verified"))
    if item.get("verified") is not None and record is None:
        problems.append(
            Problem(
                file,
                line_of(item, "verified") or line,
                f"{where}.verified",
                "malformed verification record",
                "delete it and run `pledgegraph verify`",
            )
        )
        return None
    if index is not None:
        if record is not None:
            span, sha = record
            if sha != index.sha256 or not index.holds(quote, span):
                problems.append(
                    Problem(
                        file,
                        line_of(item, "verified") or line,
                        f"{where}.verified",
                        f"the recorded span {span.start}-{span.end} no longer holds in the archived text of {source.id!r} (text or quote changed)",
                        "run `pledgegraph verify` again and review the quote",
                    )
                )
                return None
        else:
            found = index.find(quote)
            if found is None:
                problems.append(
                    Problem(
                        file,
                        line_of(item, "quote") or line,
                        f"{where}.quote",
                        f"quote not found in the archived text of {source.id!r}: {quote[:80]!r}",
                        "copy the quote verbatim from the text (only whitespace and typographic quotes and dashes may differ)",
                    )
                )
                return None
            record = (found, index.sha256)
    if record is not None:
        span, sha = record
        evidence.update(verified=True, quote_start=span.start, quote_end=span.end, text_sha256=sha)
        if index is not None:  # the words around the quote, as a Web Annotation selector gives them
            evidence["quote_prefix"] = index.text[max(0, span.start - CONTEXT) : span.start]
            evidence["quote_suffix"] = index.text[span.end : span.end + CONTEXT]
    else:
        evidence["verified"] = False
        # With the text at hand every quote is found or refused above; only a missing text is left.
        evidence["unverified_reason"] = (
            "not checked: the source's text was not in the text archive when it was ingested"
        )
    return evidence


def _recorded(value: Any) -> tuple[Span, str] | None:
    """Read a ``verified: {span: [start, end], sha256: ...}`` record."""
    if not isinstance(value, dict):
        return None
    span, sha = value.get("span"), value.get("sha256")
    if not (isinstance(span, list) and len(span) == 2 and all(isinstance(n, int) for n in span)):
        return None
    if not (isinstance(sha, str) and re.fullmatch(r"[0-9a-f]{64}", sha)):
        return None
    return Span(span[0], span[1]), sha
