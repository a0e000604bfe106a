"""What one request sees: a store and what is derived from it, swapped as a whole on reload."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field

from graph.rdf import RdfBuilder
from graph.sparql import SparqlService
from graph.store import GraphStore


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

    def close(self) -> None:
        if self.sparql is not None:
            self.sparql.close()
        if self.on_close is not None:
            self.on_close()
