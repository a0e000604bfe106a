"""A read-only SPARQL 1.1 query service over the graph's RDF, with a time and a result-size limit.

Queries run in pyoxigraph (measured faster than rdflib's engine: BENCHMARKS.md) inside worker
processes that hold the data: a query that runs past the time limit is stopped by ending its
worker, which is then replaced, so a runaway query cannot keep a core busy. Before a query reaches
a worker it is parsed (with rdflib's SPARQL grammar) and refused when it is an update or calls a
remote endpoint with SERVICE (which would make this server fetch URLs).
"""

from __future__ import annotations

import csv
import io
import json
import multiprocessing
import queue
import threading
from dataclasses import dataclass
from multiprocessing.connection import Connection
from typing import Any

import pyoxigraph as ox
from pyparsing import ParseException, ParseResults
from rdflib.plugins.sparql.parser import parseQuery, parseUpdate

SELECT_MEDIA = [
    "application/sparql-results+json",
    "text/csv",
    "text/tab-separated-values",
]
GRAPH_MEDIA = ["text/turtle", "application/n-triples"]
_GRAPH_FORMATS = {
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
}


class SparqlRefused(ValueError):
    """The request is not a read-only query this service runs (400)."""


class SparqlUnavailable(RuntimeError):
    """The query ran out of time, or every worker is busy (503)."""


@dataclass(frozen=True)
class SparqlResult:
    body: bytes
    media_type: str
    truncated: bool


def _walk(node: Any) -> Any:
    yield node
    if isinstance(node, dict):
        for value in node.values():
            yield from _walk(value)
    elif isinstance(node, list | tuple | ParseResults):
        for value in node:
            yield from _walk(value)


def query_form(query: str) -> str:
    """SELECT, ASK, CONSTRUCT or DESCRIBE; raises SparqlRefused for updates, SERVICE and bad syntax."""
    try:
        parsed = parseQuery(query)
    except ParseException as err:
        try:
            parseUpdate(query)
        except ParseException:
            raise SparqlRefused(f"not a valid SPARQL 1.1 query: {err}") from None
        raise SparqlRefused("this endpoint is read-only: SPARQL updates are refused") from None
    for node in _walk(parsed):
        if getattr(node, "name", None) == "ServiceGraphPattern":
            raise SparqlRefused("SERVICE is refused: this endpoint does not query other endpoints")
    name = str(getattr(parsed[1], "name", ""))
    return name.removesuffix("Query").upper()


def _term_json(term: Any) -> dict[str, str]:
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    out = {"type": "literal", "value": term.value}
    if term.language:
        out["xml:lang"] = term.language
    elif term.datatype.value != "http://www.w3.org/2001/XMLSchema#string":
        out["datatype"] = term.datatype.value
    return out


def _term_tsv(term: Any) -> str:
    if term is None:
        return ""
    return str(term)


def execute(
    store: ox.Store,
    query: str,
    media: str,
    max_rows: int,
    default_graphs: list[str] | None = None,
    named_graphs: list[str] | None = None,
) -> SparqlResult:
    """Run ``query`` and serialise at most ``max_rows`` results as ``media``."""
    options: dict[str, Any] = {}
    if default_graphs:
        options["default_graph"] = [ox.NamedNode(g) for g in default_graphs]
    else:
        options["use_default_graph_as_union"] = True
    if named_graphs:
        options["named_graphs"] = [ox.NamedNode(g) for g in named_graphs]
    result = store.query(query, **options)
    if isinstance(result, ox.QueryBoolean):
        return SparqlResult(
            json.dumps({"head": {}, "boolean": bool(result)}).encode(),
            "application/sparql-results+json",
            False,
        )
    if isinstance(result, ox.QueryTriples):
        triples: list[Any] = []
        for triple in result:
            if len(triples) == max_rows:
                return SparqlResult(_serialize_triples(triples, media), media, True)
            triples.append(triple)
        return SparqlResult(_serialize_triples(triples, media), media, False)
    variables = [v.value for v in result.variables]
    rows: list[list[Any]] = []
    truncated = False
    for solution in result:
        if len(rows) == max_rows:
            truncated = True
            break
        rows.append([solution[v] for v in variables])
    if media == "application/sparql-results+json":
        bindings = [
            {v: _term_json(t) for v, t in zip(variables, row, strict=True) if t is not None}
            for row in rows
        ]
        body = json.dumps({"head": {"vars": variables}, "results": {"bindings": bindings}})
        return SparqlResult(body.encode(), media, truncated)
    out = io.StringIO()
    if media == "text/csv":
        writer = csv.writer(out, lineterminator="\r\n")
        writer.writerow(variables)
        for row in rows:
            writer.writerow(["" if t is None else t.value for t in row])
    else:
        out.write("\t".join(f"?{v}" for v in variables) + "\n")
        for row in rows:
            out.write("\t".join(_term_tsv(t) for t in row) + "\n")
    return SparqlResult(out.getvalue().encode(), media, truncated)


def _serialize_triples(triples: list[Any], media: str) -> bytes:
    data = ox.serialize(triples, format=_GRAPH_FORMATS[media])
    return data or b""


# --- worker processes -------------------------------------------------------------------------


def _worker_main(conn: Connection, nquads: bytes) -> None:
    store = ox.Store()
    store.bulk_load(nquads, format=ox.RdfFormat.N_QUADS)
    conn.send(("ready", None))
    while True:
        message = conn.recv()
        if message is None:
            return
        try:
            conn.send(("ok", execute(store, *message)))
        except Exception as err:  # reported to the caller as a bad query
            conn.send(("error", f"{type(err).__name__}: {err}"))


class _Worker:
    def __init__(self, nquads: bytes) -> None:
        context = multiprocessing.get_context("spawn")
        self.conn, child = context.Pipe()
        self.process = context.Process(target=_worker_main, args=(child, nquads), daemon=True)
        self.process.start()
        child.close()
        if not self.conn.poll(60):
            self.stop()
            raise SparqlUnavailable("the SPARQL worker did not start")
        self.conn.recv()

    def stop(self) -> None:
        if self.process.is_alive():
            self.process.kill()
        self.process.join(5)
        self.conn.close()


class SparqlService:
    """Runs read-only queries in worker processes; a worker that overruns is ended and replaced."""

    def __init__(self, nquads: bytes, timeout_s: float, max_rows: int, workers: int = 1) -> None:
        self.nquads = nquads
        self.timeout_s = timeout_s
        self.max_rows = max_rows
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._lock = threading.Lock()
        self._closed = False
        for _ in range(workers):
            self._idle.put(_Worker(nquads))

    def run(
        self,
        query: str,
        media: str,
        default_graphs: list[str] | None = None,
        named_graphs: list[str] | None = None,
    ) -> SparqlResult:
        try:
            # Wait longer than one query may run: a worker being replaced needs a moment to start.
            worker = self._idle.get(timeout=self.timeout_s + 15)
        except queue.Empty:
            raise SparqlUnavailable("every SPARQL worker is busy; try again shortly") from None
        worker.conn.send((query, media, self.max_rows, default_graphs, named_graphs))
        if not worker.conn.poll(self.timeout_s):
            worker.stop()
            self._replace()
            raise SparqlUnavailable(
                f"the query ran past the time limit of {self.timeout_s:g} s and was stopped"
            )
        status, payload = worker.conn.recv()
        self._idle.put(worker)
        if status != "ok":
            raise SparqlRefused(f"the query failed: {payload}")
        result: SparqlResult = payload
        return result

    def _replace(self) -> None:
        """Start a fresh worker in the background for the one that was ended."""

        def start() -> None:
            if not self._closed:
                self._idle.put(_Worker(self.nquads))

        threading.Thread(target=start, daemon=True).start()

    def close(self) -> None:
        with self._lock:
            if self._closed:
                return
            self._closed = True
        while not self._idle.empty():
            self._idle.get_nowait().stop()
