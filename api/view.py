"""What one request sees: a store and what is derived from it, swapped as a whole on reload."""

from __future__ import annotations

import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from graph.rdf import RdfBuilder
from graph.sparql import SparqlService
from graph.store import GraphStore

UNVERSIONED = "unversioned-"  # the prefix of a version token a view makes up for itself


@dataclass(eq=False)
class View:
    """A store and its derived caches (RDF, serialised exports, the SPARQL service).

    A request takes the app's current view once and uses it throughout, so a reload (which puts a
    new view in place) never mixes two graphs in one answer.
    """

    store: GraphStore
    rdf: RdfBuilder | None = None
    exports: dict[str, str] = field(default_factory=dict)
    sparql: SparqlService | None = None
    lock: threading.Lock = field(default_factory=threading.Lock)
    on_close: Callable[[], None] | None = None  # releases the store (a Neo4j driver, say)
    read_version: Callable[[], str | None] | None = None  # the stored data version
    version_ttl_s: float = 1.0  # how long a version read stands (a Neo4j may be loaded meanwhile)
    _version: tuple[float, str] | None = None
    _unversioned: str = field(default_factory=lambda: UNVERSIONED + uuid.uuid4().hex)

    def data_version(self) -> str:
        """The version of the data this view reads, re-read at most once per ``version_ttl_s``.

        A store no load has versioned gets a token of its own, valid while this view lasts.
        """
        now = time.monotonic()
        known = self._version
        if known is not None and now - known[0] < self.version_ttl_s:
            return known[1]
        version = (self.read_version() if self.read_version else None) or self._unversioned
        self._version = (now, version)
        return version

    def close(self) -> None:
        if self.sparql is not None:
            self.sparql.close()
        if self.on_close is not None:
            self.on_close()


def swap_view(state: Any, grace_s: float) -> View:
    """Open the store anew and serve it: requests that began on the old view finish on it, and it
    is closed ``grace_s`` later. ``state`` is the app's state (``open_view``, ``view``,
    ``retired``, ``reload_lock``)."""
    with state.reload_lock:
        fresh: View = state.open_view()
        old, state.view = state.view, fresh
        state.retired.append(old)

    def retire() -> None:
        with state.reload_lock:
            if old in state.retired:
                state.retired.remove(old)
                old.close()

    timer = threading.Timer(grace_s, retire)
    timer.daemon = True
    timer.start()
    return fresh
