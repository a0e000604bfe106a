"""Draft claims from a source's text: entities and facts, each with its quote and a confidence."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from ingest.corpus import SOURCE_FILE, SOURCES_DIR
from ingest.extract.model import Draft, Extractor, SourceText
from ingest.fetch import slug
from ingest.problems import IngestError, Problem
from ingest.texts import TextArchive
from ingest.yamlfile import read_yaml
from schema.records import EntityRecord

__all__ = ["Draft", "Extractor", "SourceText", "extractor", "open_source"]


def extractor(name: str = "rules", min_confidence: float = 0.5) -> Extractor:
    """The named extractor; ``rules`` (offline, no language model) is the default."""
    if name == "rules":
        from ingest.extract.rules import RuleExtractor

        return RuleExtractor(min_confidence)
    raise ValueError(f"unknown extractor {name!r}; use rules")


def open_source(
    source: str, data: Path, texts: Path | None, published: dt.date | None = None
) -> SourceText:
    """The text behind ``source``: a plain text file's path, or an archived source's id."""
    path = Path(source)
    if path.suffix and path.is_file():
        text = path.read_text(encoding="utf-8")
        return SourceText(slug(path.stem), text, published)
    folder = data / SOURCES_DIR / source
    meta_file = folder / SOURCE_FILE
    if not meta_file.is_file():
        raise IngestError(
            [
                Problem(
                    path,
                    None,
                    "",
                    f"{source!r} is neither a text file nor a source id (no {meta_file})",
                    "give the path of a .txt file, or the id of a source under "
                    f"{data / SOURCES_DIR} (`pledgegraph fetch URL` makes one)",
                )
            ]
        )
    meta = read_yaml(meta_file)
    index = TextArchive(texts).lookup(source, meta.get("text_file"))
    if index is None:
        raise IngestError(
            [
                Problem(
                    meta_file,
                    None,
                    "text_file",
                    f"the text archive ({texts or 'not set'}) holds no text for {source!r}",
                    "set PLEDGEGRAPH_TEXTS (or --texts) to the archive that holds it",
                )
            ]
        )
    when = published
    if when is None and isinstance(meta.get("published"), dt.date):
        when = meta["published"]
    return SourceText(source, index.text, when, index.sha256)


def registry_records(data: Path) -> list[EntityRecord]:
    """The registry's entities (entities.yaml and accepted entities of every claims file)."""
    from ingest.corpus import read_corpus

    corpus = read_corpus(data)
    return [d.record for d in corpus.resolver.entities.values()]
