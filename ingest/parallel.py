"""Reading a large data folder on every core: the same corpus, statements and problems as the
serial path (ingest/corpus.py), from worker processes that each read a run of source folders.

Each worker is forked with its run of folders and works in two steps, keeping what it read:

1. it reads its folders' YAML and sends back, per folder, the problems found and a light copy of
   the source (metadata, the entities its claims declare, what awaits review);
2. the parent registers the sources in folder order, exactly as the serial path does (so
   duplicates and clashes are found, and problems listed, in the same order), then sends every
   worker the finished entity resolver; each worker builds its sources' statements (quotes
   checked, ids computed) and sends them back.

Workers send their results in runs of TICK sources as they go: the parent unpickles while they
work, no worker holds its whole answer as one message, and a terminal still shows a bar. A worker
drops each source's YAML once its statements are built. A worker that fails is reported with its
traceback; none is left running.
"""

from __future__ import annotations

import multiprocessing
import traceback
from collections import deque
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from multiprocessing.connection import Connection, wait
from pathlib import Path
from typing import Any

from ingest.corpus import (
    Corpus,
    SourceFolder,
    _read_source,
    build_source,
    read_corpus,
    register_source,
)
from ingest.problems import IngestError, Problem
from ingest.progress import bar
from ingest.review import pending
from ingest.texts import TextArchive
from ingest.yamlfile import LineDict
from schema import Schema, load_schema
from schema.records import Dataset, EntityRecord, StatementRecord

PARALLEL_FROM = 1_000  # fewer source folders than this are read faster in one process
TICK = 50  # sources in one message of a worker

Built = tuple[list[StatementRecord], EntityRecord]


def wanted(folders: int, workers: int) -> bool:
    """Whether reading ``folders`` source folders with ``workers`` processes pays."""
    return (
        workers > 1
        and folders >= PARALLEL_FROM
        and "fork" in multiprocessing.get_all_start_methods()
    )


def _light(source: SourceFolder) -> SourceFolder:
    """What the parent needs of a source to register it: no facts."""
    claims = LineDict()
    if "entities" in source.claims:
        claims["entities"] = source.claims["entities"]
    claims.line = getattr(source.claims, "line", 0)
    claims.key_lines = dict(getattr(source.claims, "key_lines", {}))
    return SourceFolder(
        source.path,
        source.meta,
        claims,
        light=True,
        waiting=pending(source.claims, source.claims_file),
    )


def _worker(folders: list[Path], texts: Path | None, conn: Connection) -> None:
    """Step 1, then (given the resolver) step 2, for ``folders``; everything sent on ``conn``."""
    try:
        schema = load_schema()
        read: list[tuple[list[Problem], SourceFolder | None]] = []
        full: deque[SourceFolder] = deque()
        for folder in folders:
            problems: list[Problem] = []
            source = _read_source(schema, folder, problems)
            if source is not None:
                full.append(source)
            read.append((problems, _light(source) if source is not None else None))
            if len(read) == TICK:
                conn.send(("part", read))
                read = []
        conn.send(("read", read))
        resolver = conn.recv()
        if resolver is None:
            return  # the corpus has problems: nothing to build
        archive = TextArchive(texts)
        built: list[tuple[list[Problem], Built]] = []
        while full:
            source = full.popleft()  # its YAML is not kept once its statements are built
            problems = []
            built.append((problems, build_source(schema, resolver, source, archive, problems)))
            if len(built) == TICK:  # sent as they come: the parent unpickles while this works
                conn.send(("part", built))
                built = []
        conn.send(("built", built))
    except BaseException:  # reported to the parent, which raises it
        conn.send(("error", traceback.format_exc()))
    finally:
        conn.close()


class WorkerFailed(RuntimeError):
    """A worker process failed; the message holds its traceback."""


@contextmanager
def _workers(runs: list[list[Path]], texts: Path | None) -> Iterator[list[Connection]]:
    context = multiprocessing.get_context("fork")
    conns: list[Connection] = []
    processes = []
    try:
        for run in runs:
            parent, child = context.Pipe()
            process = context.Process(target=_worker, args=(run, texts, child), daemon=True)
            process.start()
            child.close()
            conns.append(parent)
            processes.append(process)
        yield conns
    finally:
        for process in processes:
            process.join(timeout=5)
            if process.is_alive():
                process.kill()
                process.join()
        for conn in conns:
            conn.close()


def _collect(conns: list[Connection], kind: str, label: str, total: int) -> list[Any]:
    """Each worker's results up to its ``kind`` message (in worker order), with a bar labelled
    ``label`` that advances with every run received."""
    results: dict[int, Any] = {}
    parts: list[list[Any]] = [[] for _ in conns]
    index = {id(conn): n for n, conn in enumerate(conns)}
    with bar(total, label) as progress:
        while len(results) < len(conns):
            for conn in wait([c for n, c in enumerate(conns) if n not in results]):
                assert isinstance(conn, Connection)
                try:
                    message, payload = conn.recv()
                except EOFError:
                    raise WorkerFailed("a worker process ended without an answer") from None
                if message == "error":
                    raise WorkerFailed(f"a worker process failed:\n{payload}")
                n = index[id(conn)]
                if message == "part":  # a run of results, more to come
                    parts[n].extend(payload)
                elif message == kind:
                    results[n] = parts[n] + payload
                progress(len(payload))
    return [results[n] for n in range(len(conns))]


def read_dataset_parallel(
    root: Path,
    texts: Path | None,
    folders: list[Path],
    workers: int,
    pending_items: list[Any] | None = None,
) -> Dataset:
    """The statements of ``folders`` (source folders of the data folder ``root``, as
    `source_folders` lists them), read by ``workers`` processes (see the module's doc); raises
    IngestError listing every problem, in the order the serial path lists them."""
    size = -(-len(folders) // workers)
    runs = [folders[i : i + size] for i in range(0, len(folders), size)]
    with _workers(runs, texts) as conns:
        read: list[tuple[list[Problem], SourceFolder | None]] = []

        def sources(schema: Schema, corpus: Corpus, problems: list[Problem]) -> None:
            for run in _collect(conns, "read", "reading sources", len(folders)):
                read.extend(run)
            seen: set[str] = set()
            for found, source in read:
                problems.extend(found)
                if source is not None:
                    register_source(schema, corpus, source, seen, problems)

        try:
            corpus = read_corpus(root, sources=sources)
        except BaseException:
            for conn in conns:
                with suppress(OSError):
                    conn.send(None)  # nothing to build: the workers end
            raise
        if pending_items is not None:
            pending_items.extend(corpus.pending)
        for conn in conns:
            conn.send(corpus.resolver)
        problems: list[Problem] = []
        dataset = Dataset(entities=[d.record for d in corpus.resolver.entities.values()])
        built_runs = _collect(conns, "built", "checking facts", len(corpus.sources))
    built = [item for run in built_runs for item in run]
    for source, (found, (statements, entity)) in zip(corpus.sources, built, strict=True):
        problems.extend(found)
        dataset.add_source(source.id, statements, entity)
    if problems:
        raise IngestError(problems)
    return dataset
