"""Open and close stores: the one place that builds store connections."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import kglite

from graph.kglite_store import KgliteStore


@contextmanager
def kglite_writer(path: Path, timeout_ms: int = 600_000) -> Iterator[KgliteStore]:
    """The embedded store opened for writing (one writer at a time), saved and closed on exit."""
    path.parent.mkdir(parents=True, exist_ok=True)
    graph = kglite.open(str(path))
    try:
        yield KgliteStore(graph, timeout_ms=timeout_ms)
    finally:
        graph.close()


def kglite_reader(path: Path, timeout_ms: int) -> KgliteStore:
    """The embedded store loaded for reading; the caller drops it when done."""
    return KgliteStore(kglite.load(str(path)), timeout_ms=timeout_ms)
