"""Memory helpers for bulk work."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused_gc() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while building millions of small objects.

    Reading a data folder or streaming an export makes rows, dicts and terms that hold no
    reference cycles; the collector's repeated full passes over them cost a third of the time
    (BENCHMARKS.md). Reference counting still frees everything as usual; the collector resumes,
    as it was, on exit.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
