"""Score the offline extractor's drafts against curated claims.

Three sets are scored separately: every bundled source whose text is in the text archive (the
founding article, when ../shared/sources is at hand), the project's own test articles used while
writing the rules (bench/extract_articles), and held-out articles written afterwards and never
tuned on (bench/extract_heldout). Prints precision, recall and F1 per edge type, for entities, and for
dates and roles on the facts both sides share; ``--markdown`` prints the tables for
BENCHMARKS.md, ``--details`` lists every missed and extra fact.

    python bench/extract_eval.py [--texts DIR] [--markdown] [--details]
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ingest.corpus import build_dataset, read_corpus  # noqa: E402
from ingest.extract import SourceText, extractor  # noqa: E402
from ingest.extract.rules import prepared  # noqa: E402
from ingest.extract.score import Score, Tally, curated_facts, score  # noqa: E402
from ingest.texts import TextArchive  # noqa: E402

DATA = ROOT / "ingest" / "data"
ARTICLES = ROOT / "bench" / "extract_articles"
HELDOUT = ROOT / "bench" / "extract_heldout"
SHARED_TEXTS = ROOT.parent / "shared" / "sources"
TARGET_PRECISION, TARGET_RECALL = 0.9, 0.8


@dataclass
class Scored:
    source_id: str
    words: int
    seconds: float  # median of five warm runs
    score: Score
    baseline: float  # spaCy's part alone (pipeline and cue matcher) on the same text


def score_folder(
    root: Path, texts: Path | None, registry_file: Path, min_confidence: float = 0.5
) -> list[Scored]:
    """Draft and score every source under ``root`` whose text the archive holds."""
    registry = [
        d.record for d in read_corpus(DATA, registry=registry_file).resolver.entities.values()
    ]
    corpus = read_corpus(root, registry=registry_file)
    archive = TextArchive(texts)
    dataset = build_dataset(corpus, archive)
    run = extractor("rules", min_confidence)
    out = []
    for source in corpus.sources:
        index = archive.lookup(source.id, source.meta.get("text_file"))
        if index is None:
            continue
        curated = curated_facts(s for s in dataset.statements if s.source == source.id)
        published = source.meta.get("published")
        text = SourceText(source.id, index.text, published, index.sha256)
        draft = run.extract(text, registry)  # also builds the pipeline once (cached)
        seconds = _median(lambda text=text: run.extract(text, registry))  # type: ignore[misc]
        # Baseline: spaCy alone (tokenizer, sentences, entity ruler, cue matcher) on the same text.
        baseline = _median(lambda raw=index.text: spacy_only(raw, registry))  # type: ignore[misc]
        drafted = {f.triple: f.properties for f in draft.facts}
        out.append(
            Scored(
                source.id,
                len(index.text.split()),
                seconds,
                score(drafted, curated),
                baseline,
            )
        )
    return out


def spacy_only(text: str, registry: list[Any]) -> object:
    ready = prepared(registry)
    return ready.matcher(ready.nlp(text))


def _median(job: Callable[[], object], runs: int = 5) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        job()
        times.append(time.perf_counter() - started)
    return sorted(times)[runs // 2]


def evaluate(texts: Path | None) -> dict[str, list[Scored]]:
    """Both sets: bundled sources with archived texts, and the project's test articles."""
    registry_file = DATA / "entities.yaml"
    return {
        "founding": score_folder(DATA, texts, registry_file) if texts else [],
        "articles": score_folder(ARTICLES, ARTICLES / "texts", registry_file),
        "heldout": score_folder(HELDOUT, HELDOUT / "texts", registry_file),
    }


def total(scored: list[Scored]) -> Score:
    out = Score()
    for item in scored:
        out.add(item.score)
    return out


def _f(value: float | None) -> str:
    return "–" if value is None else f"{value:.2f}"


def _row(name: str, t: Tally) -> str:
    return (
        f"| {name} | {t.curated} | {t.drafted} | {t.tp} | {_f(t.precision)} | "
        f"{_f(t.recall)} | {_f(t.f1)} |"
    )


def table(result: Score) -> str:
    lines = [
        "| | curated | drafted | right | precision | recall | F1 |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for edge in sorted(result.facts):
        lines.append(_row(edge, result.facts[edge]))
    lines.append(_row("**all facts**", result.all_facts))
    lines.append(_row("entities", result.entities))
    lines.append(_row("dates (on shared facts)", result.dates))
    lines.append(_row("roles (on shared facts)", result.roles))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--texts",
        type=Path,
        default=SHARED_TEXTS if SHARED_TEXTS.is_dir() else None,
        help="text archive holding the bundled sources' texts (default: ../shared/sources)",
    )
    parser.add_argument("--markdown", action="store_true", help="print tables for BENCHMARKS.md")
    parser.add_argument("--details", action="store_true", help="list missed and extra facts")
    args = parser.parse_args(argv)
    sets = evaluate(args.texts)
    titles = {
        "founding": "Bundled sources with archived texts",
        "articles": "The project's test articles (used while writing the rules)",
        "heldout": "Held-out test articles (written after the rules; never tuned on)",
    }
    for name, scored in sets.items():
        print(f"\n## {titles[name]}\n")
        if not scored:
            print("(no archived texts: pass --texts, or put ../shared/sources beside the project)")
            continue
        for item in scored:
            facts = item.score.all_facts
            print(
                f"- {item.source_id}: {item.words} words in {item.seconds * 1000:.1f} ms "
                f"({item.seconds / item.baseline:.1f}x spaCy's pipeline and matcher alone, "
                f"{item.baseline * 1000:.1f} ms); facts "
                f"P {_f(facts.precision)} R {_f(facts.recall)} F1 {_f(facts.f1)}"
            )
            if args.details:
                for triple in item.score.missed:
                    print(f"    missed: {' '.join(triple)}")
                for triple in item.score.extra:
                    print(f"    extra:  {' '.join(triple)}")
        print()
        print(table(total(scored)))
    founding = total(sets["founding"]).all_facts if sets["founding"] else None
    if founding is not None:
        ok = (founding.precision or 0) >= TARGET_PRECISION and (
            founding.recall or 0
        ) >= TARGET_RECALL
        print(
            f"\nfounding article target (precision >= {TARGET_PRECISION}, recall >= "
            f"{TARGET_RECALL}): {'met' if ok else 'NOT met'}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
