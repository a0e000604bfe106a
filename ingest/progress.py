"""A progress bar for long loads, on a terminal only (tqdm): a load of thousands of sources says how
far it is; a pipe, a log or a test sees nothing."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import TypeVar

T = TypeVar("T")
LONG = 200  # fewer items than this finish before a bar would help


def shown() -> bool:
    """Whether to draw bars: standard error is a terminal and PLEDGEGRAPH_PROGRESS is not 0."""
    return sys.stderr.isatty() and os.environ.get("PLEDGEGRAPH_PROGRESS", "1") != "0"


def steps(items: Sequence[T], label: str) -> Iterable[T]:
    """``items``, with a bar labelled ``label`` on a terminal when there are many of them."""
    if len(items) < LONG or not shown():
        return items
    from tqdm import tqdm

    return _bar(tqdm(items, desc=label, unit="source", leave=False, file=sys.stderr))


def _bar(bar: Iterable[T]) -> Iterator[T]:
    yield from bar


@contextmanager
def bar(total: int, label: str) -> Iterator[Callable[[int], None]]:
    """A bar for ``total`` sources done elsewhere (worker processes): the block calls the
    function it is given with each number of sources done. Drawn as `steps` draws its bars."""
    if total < LONG or not shown():
        yield lambda done: None
        return
    from tqdm import tqdm

    with tqdm(total=total, desc=label, unit="source", leave=False, file=sys.stderr) as drawn:

        def advance(done: int) -> None:
            drawn.update(done)

        yield advance
