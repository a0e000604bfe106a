"""A read-only SPARQL 1.1 query service over the graph's RDF, bounded in every way a query can hurt.

Queries run in pyoxigraph inside supervised worker processes that hold the data. The engine that
runs a query is the only one that parses it; what it may do is decided around it:

- **No network.** Each worker forbids itself every IPv4 and IPv6 socket (a seccomp filter, set up
  once its data is loaded), so a query can never make this server reach another address, whatever
  its text says: `SERVICE` fails inside the engine and is answered 400. Updates are not queries:
  the engine refuses them.
- **Bounded before it runs** (`check_limits`, a lexical scan of the text in linear time): at most
  `MAX_QUERY_CHARS` characters, `MAX_DEPTH` nested brackets, `MAX_UNIONS` UNIONs,
  `MAX_OPERATORS` `||`, `&&` and arithmetic operators, and `MAX_TOKENS` tokens. pyoxigraph 0.5
  crashes on 8,000 UNIONs or 10,000 chained `||` (stack overflow); the limits stay far below that.
- **Bounded while it runs**: a time limit (the worker is ended and replaced), a row limit, a
  memory limit per worker (RLIMIT_AS) and a large stack for the engine's recursion.
- **Supervised**: a worker that dies (a crash, the memory limit) is replaced at once and its
  request answered 400; the others go on. Several workers serve by default, and a fair queue
  hands free workers to waiting clients in turn, so one client's heavy queries cannot starve
  another's light ones.
"""

from __future__ import annotations

import collections
import contextlib
import csv
import errno
import io
import json
import multiprocessing
import re
import resource
import socket
import threading
import time
from dataclasses import dataclass
from multiprocessing.connection import Connection
from typing import Any

import pyoxigraph as ox

SELECT_MEDIA = [
    "application/sparql-results+json",
    "application/sparql-results+xml",
    "text/csv",
    "text/tab-separated-values",
]
GRAPH_MEDIA = ["text/turtle", "application/n-triples", "application/ld+json", "application/rdf+xml"]
_GRAPH_FORMATS = {
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "application/ld+json": ox.RdfFormat.JSON_LD,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
}
_RESULTS_XML = "http://www.w3.org/2005/sparql-results#"

MAX_QUERY_CHARS = 65_536
MAX_DEPTH = 64
MAX_UNIONS = 1_000
MAX_OPERATORS = 1_000
MAX_TOKENS = 10_000
STACK_BYTES = 256 * 1024 * 1024


class SparqlRefused(ValueError):
    """The request is not a read-only query this service runs (400)."""


class SparqlUnavailable(RuntimeError):
    """The query ran out of time, or every worker is busy (503)."""


class SparqlNotAcceptable(ValueError):
    """None of the caller's accepted media types fits the query's form (406)."""


@dataclass(frozen=True)
class SparqlResult:
    body: bytes
    media_type: str
    truncated: bool


# --- limits, checked before a query reaches a worker ------------------------------------------

_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
_TOKEN = re.compile(
    r"""
    (?P<space>\s+)
  | (?P<comment>\#[^\r\n]*)
  | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
  | (?P<string>\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"|'''(?:[^'\\]|\\.|'(?!''))*'''
              |"(?:[^"\\\r\n]|\\.)*"|'(?:[^'\\\r\n]|\\.)*')
  | (?P<open>[({\[])
  | (?P<close>[)}\]])
  | (?P<operator>\|\||&&|[+*/-])
  | (?P<word>[^\s(){}\[\]<>"'\#|&+*/-]+)
  | (?P<other>.)
    """,
    re.VERBOSE | re.DOTALL,
)


def _unescape(match: re.Match[str]) -> str:
    code = int(match.group(1) or match.group(2), 16)
    return chr(code) if code <= 0x10FFFF else match.group(0)


def check_limits(query: str) -> None:
    """Refuse a query that passes a limit (SparqlRefused, naming the limit), before it runs.

    SPARQL applies ``\\u`` escapes to the whole text before parsing, so they are applied here too.
    """
    if len(query) > MAX_QUERY_CHARS:
        raise SparqlRefused(
            f"the query is {len(query):,} characters long; the limit is {MAX_QUERY_CHARS:,}"
        )
    text = _ESCAPE.sub(_unescape, query)
    depth = deepest = unions = operators = tokens = 0
    for match in _TOKEN.finditer(text):
        kind = match.lastgroup
        if kind in ("space", "comment"):
            continue
        tokens += 1
        if kind == "open":
            depth += 1
            deepest = max(deepest, depth)
        elif kind == "close":
            depth -= 1
        elif kind == "operator":
            operators += 1
        elif kind == "word" and match.group().upper() == "UNION":
            unions += 1
    for count, limit, what in (
        (deepest, MAX_DEPTH, "levels of nested brackets"),
        (unions, MAX_UNIONS, "UNIONs"),
        (operators, MAX_OPERATORS, "operators (||, &&, +, -, *, /)"),
        (tokens, MAX_TOKENS, "terms"),
    ):
        if count > limit:
            raise SparqlRefused(
                f"the query has {count:,} {what}; the limit is {limit:,}: split it into smaller queries"
            )


# --- running a query (in a worker) ------------------------------------------------------------


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
    select_media: str | None,
    graph_media: str | None,
    max_rows: int,
    default_graphs: list[str] | None = None,
    named_graphs: list[str] | None = None,
) -> SparqlResult:
    """Run ``query``; serialise at most ``max_rows`` results in the media type for its form."""
    # The store's default graph holds the union of every graph, each triple once (see
    # union_store); a query's FROM / FROM NAMED, or the protocol's default-graph-uri /
    # named-graph-uri, build another dataset instead.
    options: dict[str, Any] = {}
    if default_graphs:
        options["default_graph"] = [ox.NamedNode(g) for g in default_graphs]
    if named_graphs:
        options["named_graphs"] = [ox.NamedNode(g) for g in named_graphs]
    result = store.query(query, **options)
    if isinstance(result, ox.QueryTriples):
        if graph_media is None:
            raise SparqlNotAcceptable("a graph (CONSTRUCT or DESCRIBE)")
        triples: list[Any] = []
        for triple in result:
            if len(triples) == max_rows:
                return SparqlResult(_serialize_triples(triples, graph_media), graph_media, True)
            triples.append(triple)
        return SparqlResult(_serialize_triples(triples, graph_media), graph_media, False)
    if select_media is None:
        raise SparqlNotAcceptable("results (SELECT or ASK)")
    if isinstance(result, ox.QueryBoolean):
        if select_media == "application/sparql-results+xml":
            body = (
                f'<?xml version="1.0"?>\n<sparql xmlns="{_RESULTS_XML}"><head/>'
                f"<boolean>{'true' if result else 'false'}</boolean></sparql>\n"
            ).encode()
            return SparqlResult(body, select_media, False)
        if select_media != "application/sparql-results+json":
            raise SparqlNotAcceptable("a boolean (ASK), which comes as JSON or XML")
        body = json.dumps({"head": {}, "boolean": bool(result)}).encode()
        return SparqlResult(body, select_media, False)
    variables = [v.value for v in result.variables]
    rows: list[list[Any]] = []
    truncated = False
    for solution in result:
        if len(rows) == max_rows:
            truncated = True
            break
        rows.append([solution[v] for v in variables])
    if select_media == "application/sparql-results+json":
        bindings = [
            {v: _term_json(t) for v, t in zip(variables, row, strict=True) if t is not None}
            for row in rows
        ]
        data = json.dumps({"head": {"vars": variables}, "results": {"bindings": bindings}})
        return SparqlResult(data.encode(), select_media, truncated)
    if select_media == "application/sparql-results+xml":
        return SparqlResult(_results_xml(variables, rows), select_media, truncated)
    out = io.StringIO()
    if select_media == "text/csv":
        writer = csv.writer(out, lineterminator="\r\n")
        writer.writerow(variables)
        for row in rows:
            writer.writerow(["" if t is None else t.value for t in row])
    else:
        out.write("\t".join(f"?{v}" for v in variables) + "\n")
        for row in rows:
            out.write("\t".join(_term_tsv(t) for t in row) + "\n")
    return SparqlResult(out.getvalue().encode(), select_media, truncated)


def _results_xml(variables: list[str], rows: list[list[Any]]) -> bytes:
    """SPARQL Query Results XML Format."""
    from xml.sax.saxutils import escape, quoteattr

    out = [f'<?xml version="1.0"?>\n<sparql xmlns="{_RESULTS_XML}"><head>']
    out += [f"<variable name={quoteattr(v)}/>" for v in variables]
    out.append("</head><results>")
    for row in rows:
        out.append("<result>")
        for v, term in zip(variables, row, strict=True):
            if term is None:
                continue
            if isinstance(term, ox.NamedNode):
                value = f"<uri>{escape(term.value)}</uri>"
            elif isinstance(term, ox.BlankNode):
                value = f"<bnode>{escape(term.value)}</bnode>"
            elif isinstance(term, ox.Literal):
                if term.language:
                    attrs = f" xml:lang={quoteattr(term.language)}"
                elif term.datatype.value != "http://www.w3.org/2001/XMLSchema#string":
                    attrs = f" datatype={quoteattr(term.datatype.value)}"
                else:
                    attrs = ""
                value = f"<literal{attrs}>{escape(term.value)}</literal>"
            else:
                continue
            out.append(f"<binding name={quoteattr(v)}>{value}</binding>")
        out.append("</result>")
    out.append("</results></sparql>\n")
    return "".join(out).encode()


def union_store(nquads: bytes) -> ox.Store:
    """A store of ``nquads`` whose default graph also holds every named graph's triples, each
    once: the union default graph without the duplicates a computed union gives."""
    store = ox.Store()
    store.bulk_load(nquads, format=ox.RdfFormat.N_QUADS)
    default = ox.DefaultGraph()
    store.bulk_extend(
        ox.Quad(q.subject, q.predicate, q.object, default)
        for q in store.quads_for_pattern(None, None, None, None)
        if not isinstance(q.graph_name, ox.DefaultGraph)
    )
    return store


def _serialize_triples(triples: list[Any], media: str) -> bytes:
    data = ox.serialize(triples, format=_GRAPH_FORMATS[media])
    return data or b""


# --- worker processes -------------------------------------------------------------------------


def forbid_network() -> None:
    """Make every later IPv4 or IPv6 socket in this process fail (EACCES): a seccomp filter.

    Unix sockets (the worker's pipe to the server) still work. Raises OSError where the kernel or
    libseccomp does not allow it.
    """
    import pyseccomp as seccomp

    rules = seccomp.SyscallFilter(seccomp.ALLOW)
    for family in (socket.AF_INET, socket.AF_INET6):
        for call in ("socket", "socketpair"):
            rules.add_rule(seccomp.ERRNO(errno.EACCES), call, seccomp.Arg(0, seccomp.EQ, family))
    rules.load()


def _worker_main(conn: Connection, nquads: bytes, memory_bytes: int) -> None:
    resource.setrlimit(resource.RLIMIT_AS, (memory_bytes, memory_bytes))
    store = union_store(nquads)
    del nquads
    forbid_network()
    conn.send(("ready", None))
    # The engine recurses over the query's structure: run it on a thread with a large stack.
    threading.stack_size(STACK_BYTES)
    runner = threading.Thread(target=_serve, args=(conn, store))
    runner.start()
    runner.join()


def _serve(conn: Connection, store: ox.Store) -> None:
    while True:
        try:
            message = conn.recv()
        except (EOFError, OSError):  # the server closed the pipe or went away
            return
        if message is None:
            return
        try:
            conn.send(("ok", execute(store, *message)))
        except SparqlNotAcceptable as err:
            conn.send(("not-acceptable", str(err)))
        except SyntaxError as err:
            conn.send(("syntax", str(err)))
        except OSError as err:  # the engine tried the network (SERVICE), which is shut off
            conn.send(("network", str(err)))
        except Exception as err:  # reported to the caller as a failed query
            conn.send(("error", f"{type(err).__name__}: {err}"))


class _Worker:
    def __init__(self, nquads: bytes, memory_bytes: int) -> None:
        context = multiprocessing.get_context("spawn")
        self.conn, child = context.Pipe()
        self.process = context.Process(
            target=_worker_main, args=(child, nquads, memory_bytes), daemon=True
        )
        self.process.start()
        child.close()
        try:
            if not self.conn.poll(60):
                raise SparqlUnavailable("the SPARQL worker did not start within 60 s")
            self.conn.recv()
        except (EOFError, OSError):
            self.stop()
            raise SparqlUnavailable(
                "the SPARQL worker failed to start (it could not load the data or shut off its "
                "network access)"
            ) from None
        except SparqlUnavailable:
            self.stop()
            raise

    def stop(self) -> None:
        if self.process.is_alive():
            self.process.kill()
        self.process.join(5)
        self.conn.close()


class _FairQueue:
    """Hands free workers to waiting clients in turn (round robin), each client's requests in order."""

    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._idle: list[_Worker] = []
        self._waiting: collections.OrderedDict[str, collections.deque[object]] = (
            collections.OrderedDict()
        )

    def put(self, worker: _Worker) -> None:
        with self._cond:
            self._idle.append(worker)
            self._cond.notify_all()

    def _next(self) -> object | None:
        for tickets in self._waiting.values():
            if tickets:
                return tickets[0]
        return None

    def get(self, client: str, timeout: float) -> _Worker | None:
        ticket = object()
        deadline = time.monotonic() + timeout
        with self._cond:
            self._waiting.setdefault(client, collections.deque()).append(ticket)
            try:
                while not (self._idle and self._next() is ticket):
                    remaining = deadline - time.monotonic()
                    if remaining <= 0:
                        return None
                    self._cond.wait(remaining)
                # Served: this client goes to the back of the line.
                self._waiting.move_to_end(client)
                return self._idle.pop()
            finally:
                tickets = self._waiting.get(client)
                if tickets is not None:
                    tickets.remove(ticket)
                    if not tickets:
                        del self._waiting[client]
                self._cond.notify_all()

    def drain(self) -> list[_Worker]:
        with self._cond:
            idle, self._idle = self._idle, []
            return idle


class SparqlService:
    """Runs read-only queries in supervised worker processes (see the module's description)."""

    def __init__(
        self,
        nquads: bytes,
        timeout_s: float,
        max_rows: int,
        workers: int = 2,
        memory_mb: int = 1024,
    ) -> None:
        self.nquads = nquads
        self.timeout_s = timeout_s
        self.max_rows = max_rows
        self.memory_bytes = memory_mb * 1024 * 1024 + STACK_BYTES
        self.memory_mb = memory_mb
        self._queue = _FairQueue()
        self._lock = threading.Lock()
        self._closed = False
        for _ in range(workers):
            self._queue.put(_Worker(nquads, self.memory_bytes))

    def run(
        self,
        query: str,
        select_media: str | None,
        graph_media: str | None,
        default_graphs: list[str] | None = None,
        named_graphs: list[str] | None = None,
        client: str = "",
    ) -> SparqlResult:
        check_limits(query)
        # Wait longer than one query may run: a worker being replaced needs a moment to start.
        worker = self._queue.get(client, self.timeout_s + 15)
        if worker is None:
            raise SparqlUnavailable("every SPARQL worker is busy; try again shortly")
        message = (query, select_media, graph_media, self.max_rows, default_graphs, named_graphs)
        try:
            worker.conn.send(message)
            if not worker.conn.poll(self.timeout_s):
                self._retire(worker)
                raise SparqlUnavailable(
                    f"the query ran past the time limit of {self.timeout_s:g} s and was stopped"
                )
            status, payload = worker.conn.recv()
        except (EOFError, OSError):
            self._retire(worker)
            raise SparqlRefused(
                "the query stopped the SPARQL engine (it needed more than its "
                f"{self.memory_mb} MB or more stack than it has); the service goes on: "
                "try a smaller or simpler query"
            ) from None
        self._queue.put(worker)
        if status == "ok":
            result: SparqlResult = payload
            return result
        if status == "not-acceptable":
            raise SparqlNotAcceptable(
                f"the query answers with {payload}, and none of the accepted media types fits"
            )
        if status == "syntax":
            raise SparqlRefused(
                f"not a valid SPARQL 1.1 query (this endpoint is read-only: updates are "
                f"refused): {payload}"
            )
        if status == "network":
            raise SparqlRefused(
                "SERVICE is refused: this endpoint does not query other endpoints (its engine has "
                "no network access)"
            )
        raise SparqlRefused(f"the query failed: {payload}")

    def _retire(self, worker: _Worker) -> None:
        """End a worker and start its replacement in the background."""
        worker.stop()

        def start() -> None:
            # A worker that cannot start leaves the next requests waiting, then answering 503.
            if not self._closed:
                with contextlib.suppress(SparqlUnavailable):
                    self._queue.put(_Worker(self.nquads, self.memory_bytes))

        threading.Thread(target=start, daemon=True).start()

    def close(self) -> None:
        with self._lock:
            if self._closed:
                return
            self._closed = True
        for worker in self._queue.drain():
            worker.stop()
