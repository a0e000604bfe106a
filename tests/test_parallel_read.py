"""A large data folder is read by several processes (ingest/parallel.py): the statements, entities,
sources, pending reviews and problems are exactly those of the serial path, in the same order."""

from __future__ import annotations

import multiprocessing
import shutil
from pathlib import Path

import pytest

from ingest import parallel
from ingest.corpus import build_dataset, read_corpus, source_folders
from ingest.problems import IngestError
from ingest.review import Pending
from ingest.texts import TextArchive
from pledgegraph import pipeline
from pledgegraph.settings import BUNDLED_DATA, Settings
from schema.records import Dataset
from tests.conftest import SHARED_SOURCES

TEXTS = SHARED_SOURCES if SHARED_SOURCES.is_dir() else None


def serial(data: Path, texts: Path | None) -> tuple[Dataset, list[Pending]]:
    corpus = read_corpus(data)
    return build_dataset(corpus, TextArchive(texts)), corpus.pending


def same(a: Dataset, b: Dataset) -> None:
    assert a.sources == b.sources
    assert a.entities == b.entities
    assert a.statements == b.statements
    assert [s.id for s in a.statements] == [s.id for s in b.statements]
    assert [(s.origin, s.where) for s in a.statements] == [
        (s.origin, s.where) for s in b.statements
    ]


@pytest.mark.parametrize("workers", [2, 3])
def test_the_bundled_data_reads_the_same_in_parallel(workers: int) -> None:
    expected, expected_pending = serial(BUNDLED_DATA, TEXTS)
    waiting: list[Pending] = []
    got = parallel.read_dataset_parallel(
        BUNDLED_DATA, TEXTS, source_folders(BUNDLED_DATA), workers, waiting
    )
    same(got, expected)
    assert waiting == expected_pending
    assert multiprocessing.active_children() == []


def _copy(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    shutil.copytree(BUNDLED_DATA, data)
    return data


def _problems(call: object) -> str:
    with pytest.raises(IngestError) as err:
        call()  # type: ignore[operator]
    return str(err.value)


def test_problems_reading_files_are_the_same_in_parallel(tmp_path: Path) -> None:
    data = _copy(tmp_path)
    folders = sorted((data / "sources").iterdir())
    (folders[3] / "claims.yaml").write_text("facts: [unclosed\n", encoding="utf-8")
    meta = folders[120] / "source.yaml"
    meta.write_text(meta.read_text(encoding="utf-8") + "colour: blue\n", encoding="utf-8")
    expected = _problems(lambda: serial(data, None))
    assert "malformed YAML" in expected and "unknown field 'colour'" in expected
    assert (
        _problems(lambda: parallel.read_dataset_parallel(data, None, source_folders(data), 2))
        == expected
    )
    assert multiprocessing.active_children() == []


def test_problems_checking_facts_are_the_same_in_parallel(tmp_path: Path) -> None:
    data = _copy(tmp_path)
    folders = sorted((data / "sources").iterdir())
    for folder in (folders[5], folders[140]):
        claims = folder / "claims.yaml"
        text = claims.read_text(encoding="utf-8")
        claims.write_text(text.replace("from: ", "from: nobody-at-all-", 1), encoding="utf-8")
    expected = _problems(lambda: serial(data, None))
    assert expected.count("nobody-at-all-") >= 2
    assert (
        _problems(lambda: parallel.read_dataset_parallel(data, None, source_folders(data), 2))
        == expected
    )


def test_a_large_folder_is_read_in_parallel(monkeypatch: pytest.MonkeyPatch) -> None:
    """`read_dataset` hands a folder of PARALLEL_FROM sources or more to the workers."""
    calls: list[int] = []
    real = parallel.read_dataset_parallel

    def spy(*args: object) -> Dataset:
        calls.append(int(args[3]))  # type: ignore[call-overload]
        return real(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(pipeline, "read_dataset_parallel", spy)
    monkeypatch.setattr(parallel, "PARALLEL_FROM", 100)
    settings = Settings(data=BUNDLED_DATA, texts=TEXTS, parse_workers=2)
    same(pipeline.read_dataset(settings), serial(BUNDLED_DATA, TEXTS)[0])
    assert calls == [2]
    monkeypatch.setattr(parallel, "PARALLEL_FROM", 1_000)
    pipeline.read_dataset(settings)
    assert calls == [2]  # 150 sources: one process


def test_a_failing_worker_is_reported_and_none_is_left(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: object) -> None:
        raise RuntimeError("the disk went away")

    monkeypatch.setattr(parallel, "build_source", broken)
    with pytest.raises(parallel.WorkerFailed, match="the disk went away"):
        parallel.read_dataset_parallel(BUNDLED_DATA, None, source_folders(BUNDLED_DATA), 2)
    assert multiprocessing.active_children() == []
