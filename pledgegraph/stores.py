"""Open and close stores: the one place that builds store connections."""

from __future__ import annotations

import fcntl
import logging
import os
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

import kglite

import pledgegraph
from graph.cypher import QueryLibrary
from graph.kglite_store import KgliteStore
from graph.neo4j_store import Neo4jStore
from graph.store import GraphStore, StoreError, StoreUnavailable
from pledgegraph.settings import Settings

if TYPE_CHECKING:
    import neo4j

log = logging.getLogger(__name__)


@contextmanager
def kglite_writer(path: Path, timeout_ms: int = 600_000) -> Iterator[KgliteStore]:
    """The embedded store opened for writing, one writer at a time (a lock file beside it).

    The writer works on a copy in memory and, if a write was committed, saves it to a temporary
    file that then replaces the store file in one rename: a reader or a crash sees the old file or
    the new one, never part of a write. (Measured 2.6x faster than writing through the file-backed
    graph: BENCHMARKS.md.)
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.with_name(path.name + ".lock").open("a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        graph = _load(path) if path.is_file() else kglite.KnowledgeGraph()
        store = KgliteStore(graph, timeout_ms=timeout_ms)
        yield store
        if store.changed or not path.is_file():
            tmp = path.with_name(path.name + ".tmp")
            with warnings.catch_warnings():
                # kglite notes that long strings are stored unmapped; reading is unaffected.
                warnings.simplefilter("ignore")
                graph.save(str(tmp))
            with tmp.open("rb") as handle:
                os.fsync(handle.fileno())
            os.replace(tmp, path)
            directory = os.open(path.parent, os.O_RDONLY)
            try:
                os.fsync(directory)
            finally:
                os.close(directory)


class BrokenStoreFile(StoreError):
    """The embedded store's file is not a kglite graph (truncated, empty, overwritten)."""


def _load(path: Path) -> kglite.KnowledgeGraph:
    try:
        return kglite.load(str(path))
    except kglite.KgError as err:
        raise BrokenStoreFile(
            f"{path} is not a readable graph ({err.__class__.__name__}); it is built from the "
            "data folder, so rebuild it: `pledgegraph serve --rebuild` or `pledgegraph ingest` "
            "after deleting it"
        ) from err


def set_aside(path: Path) -> Path:
    """Move a broken store file out of the way (kept beside it for inspection)."""
    aside = path.with_name(path.name + ".broken")
    os.replace(path, aside)
    return aside


def kglite_reader(path: Path, timeout_ms: int) -> KgliteStore:
    """The embedded store loaded for reading; the caller drops it when done."""
    return KgliteStore(_load(path), timeout_ms=timeout_ms)


@contextmanager
def neo4j_store(settings: Settings, verify: bool = True) -> Iterator[Neo4jStore]:
    """A Neo4j store over one driver, created here and closed on exit.

    With ``verify``, an unreachable server is an error at once; without (a server that should
    outlive a Neo4j outage), it is logged and each query answers StoreUnavailable until the server
    is back: the driver reconnects by itself.
    """
    import neo4j
    from neo4j.exceptions import AuthError, DriverError, Neo4jError

    if not settings.neo4j_uri:
        raise StoreError(
            "no Neo4j address: set PLEDGEGRAPH_NEO4J_URI (for example bolt://localhost:7687), "
            "PLEDGEGRAPH_NEO4J_USER and PLEDGEGRAPH_NEO4J_PASSWORD"
        )
    password = settings.neo4j_password
    auth = (settings.neo4j_user, password.get_secret_value()) if password is not None else None

    uri: str = settings.neo4j_uri

    def make_driver(quiet: bool) -> neo4j.Driver:
        options: dict[str, Any] = {
            "auth": auth,
            "user_agent": f"pledgegraph/{pledgegraph.__version__}",
            "connection_timeout": 10.0,
            # Retry a failing transaction no longer than a query may take; a reader waits no more.
            "max_transaction_retry_time": settings.query_timeout_ms / 1000,
        }
        if quiet:
            # The canned queries are linted; the server's notes (a property no node has yet) are
            # noise. Servers older than Neo4j 5.7 cannot filter them: the check below comes first.
            options["notifications_min_severity"] = "OFF"
        return neo4j.GraphDatabase.driver(uri, **options)

    # A first connection without the notification filter, which a server older than Neo4j 5.7
    # refuses before it can say its version: an old, unreachable or misconfigured server is named
    # plainly. Unreachable is not fatal without ``verify`` (a server outliving an outage).
    with make_driver(quiet=False) as probe:
        try:
            probe.verify_connectivity()
            _check_server(settings, probe)
        except StoreError:
            raise
        except (Neo4jError, DriverError, OSError) as err:
            if verify or isinstance(err, AuthError):
                _raise_connect_error(settings, err)
            log.warning(
                "Neo4j at %s is unreachable for now (%s); serving 503 until it is back",
                settings.neo4j_uri,
                err,
            )
    driver = make_driver(quiet=True)
    try:
        yield Neo4jStore(
            driver,
            database=settings.neo4j_database,
            timeout_ms=settings.query_timeout_ms,
            write_timeout_ms=settings.write_timeout_ms,
        )
    finally:
        driver.close()


MIN_NEO4J = 5


def neo4j_major(agent: str) -> int | None:
    """The major version in a server agent such as ``Neo4j/5.26.30`` (None if it has none)."""
    _, _, version = agent.partition("/")
    head = version.split(".", 1)[0]
    return int(head) if head.isdigit() else None


def _check_server(settings: Settings, driver: neo4j.Driver) -> None:
    """Refuse a server older than Neo4j 5 and a database that does not exist, naming the setting."""
    import neo4j
    from neo4j.exceptions import Neo4jError

    agent = driver.get_server_info().agent
    major = neo4j_major(agent)
    if major is not None and major < MIN_NEO4J:
        raise StoreError(
            f"{settings.neo4j_uri} is {agent}; pledgegraph needs Neo4j {MIN_NEO4J} or newer "
            "(its queries use Neo4j 5 Cypher): point PLEDGEGRAPH_NEO4J_URI at a Neo4j 5 server"
        )
    try:
        driver.execute_query(
            QueryLibrary()["read/ping"].text,
            routing_=neo4j.RoutingControl.READ,
            database_=settings.neo4j_database,
        )
    except Neo4jError as err:
        if err.code == "Neo.ClientError.Database.DatabaseNotFound":
            raise StoreError(
                f"Neo4j at {settings.neo4j_uri} has no database {settings.neo4j_database!r}: "
                "check PLEDGEGRAPH_NEO4J_DATABASE (unset, the server's default database is used)"
            ) from err
        raise


def _raise_connect_error(settings: Settings, err: Exception) -> None:
    from neo4j.exceptions import AuthError

    if isinstance(err, AuthError):
        raise StoreError(
            f"Neo4j at {settings.neo4j_uri} refused user {settings.neo4j_user!r}: {err.message}; "
            "check PLEDGEGRAPH_NEO4J_USER and PLEDGEGRAPH_NEO4J_PASSWORD"
        ) from err
    raise StoreUnavailable(
        f"cannot reach Neo4j at {settings.neo4j_uri}: {err}; is the server running?"
    ) from err


@contextmanager
def reader(settings: Settings, verify: bool = True) -> Iterator[GraphStore]:
    """The configured store, for reading (the embedded file must exist)."""
    if settings.store == "neo4j":
        with neo4j_store(settings, verify) as store:
            yield store
        return
    if not settings.store_path.is_file():
        raise StoreError(
            f"no graph at {settings.store_path}; run `pledgegraph ingest` (or `pledgegraph serve`, which builds it)"
        )
    yield kglite_reader(settings.store_path, settings.query_timeout_ms)


@contextmanager
def serving(settings: Settings) -> Iterator[GraphStore]:
    """The store a server reads: like ``reader``, but a Neo4j that is down at start is not fatal."""
    with reader(settings, verify=False) as store:
        yield store


@contextmanager
def writer(settings: Settings) -> Iterator[GraphStore]:
    """The configured store, for loading (the embedded file is created when missing)."""
    if settings.store == "neo4j":
        with neo4j_store(settings) as store:
            yield store
        return
    with kglite_writer(settings.store_path, settings.write_timeout_ms) as kstore:
        yield kstore
