"""`verify`: find every quote in its archived text and record span and text sha256 in the claims."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ingest.corpus import Corpus
from ingest.problems import Problem
from ingest.texts import TextArchive
from ingest.yamlfile import flow_map, line_of, set_last, write_yaml


@dataclass
class VerifyReport:
    """What verify found, source by source."""

    verified: int = 0
    updated_files: list[Path] = field(default_factory=list)
    not_archived: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def verify_corpus(corpus: Corpus, texts: TextArchive, write: bool = True) -> VerifyReport:
    """Check every quote; write records into claims files that have no failing quote.

    Writing needs a corpus read with ``round_trip=True``, so the files keep their comments.
    """
    if write and not corpus.round_trip:
        raise ValueError("verify writes claims back: read the corpus with round_trip=True")
    report = VerifyReport()
    for source in corpus.sources:
        index = texts.lookup(source.id, source.meta.get("text_file"))
        if index is None:
            report.not_archived.append(source.id)
            continue
        changed = False
        failures: list[Problem] = []
        for number, fact in enumerate(source.claims["facts"]):
            for e_number, item in enumerate(fact.get("evidence") or []):
                quote = item.get("quote") if isinstance(item, dict) else None
                where = f"facts[{number}].evidence[{e_number}].quote"
                if not isinstance(quote, str):
                    continue
                span = index.find(quote)
                if span is None:
                    failures.append(
                        Problem(
                            source.claims_file,
                            line_of(item, "quote"),
                            where,
                            f"quote not found in the archived text of {source.id!r}: {quote[:80]!r}",
                            "copy the quote verbatim from the text (only whitespace and typographic quotes and dashes may differ)",
                        )
                    )
                    continue
                report.verified += 1
                old = item.get("verified")
                new = {"span": [span.start, span.end], "sha256": index.sha256}
                if (
                    not isinstance(old, dict)
                    or {k: list(v) if k == "span" else v for k, v in old.items()} != new
                ):
                    set_last(item, "verified", flow_map(**new))
                    changed = True
        report.problems.extend(failures)
        if changed and not failures and write:
            write_yaml(source.claims_file, source.claims)
            report.updated_files.append(source.claims_file)
    return report
