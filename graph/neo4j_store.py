"""The Neo4j store: canned queries over Bolt through the official driver, handed in by the caller."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import neo4j
from neo4j.exceptions import DriverError, Neo4jError, ServiceUnavailable, SessionExpired

from graph.cypher import Query
from graph.store import Step, StoreError, StoreUnavailable
from graph.values import to_plain


class Neo4jStore:
    """Runs canned queries on a Neo4j database (a server, a cluster or Aura).

    Reads are routed to readers; a write runs all its steps in one managed transaction, which the
    driver retries on transient errors (the steps are idempotent) and rolls back on failure.
    """

    name = "neo4j"

    def __init__(
        self,
        driver: neo4j.Driver,
        database: str | None = None,
        timeout_ms: int = 30_000,
        write_timeout_ms: int = 600_000,
    ) -> None:
        self.driver = driver
        self.database = database
        self.timeout_ms = timeout_ms
        self.write_timeout_ms = write_timeout_ms

    def read(self, query: Query, params: Mapping[str, Any] | None = None) -> list[dict[str, Any]]:
        bound = query.bind(params or {})
        try:
            records, _, _ = self.driver.execute_query(
                neo4j.Query(query.text, timeout=self.timeout_ms / 1000),
                bound,
                routing_=neo4j.RoutingControl.READ,
                database_=self.database,
            )
        except (ServiceUnavailable, SessionExpired) as err:
            raise StoreUnavailable(f"Neo4j is unreachable: {err}") from err
        except (Neo4jError, DriverError) as err:
            raise StoreError(f"query {query.name!r} failed: {err}") from err
        return [to_plain(record.data()) for record in records]

    def write(self, steps: Sequence[Step]) -> None:
        bound = [(step.text, step.bind(params)) for step, params in steps]

        @neo4j.unit_of_work(timeout=self.write_timeout_ms / 1000)
        def work(tx: neo4j.ManagedTransaction) -> None:
            for text, params in bound:
                tx.run(text, params).consume()

        try:
            with self.driver.session(database=self.database) as session:
                session.execute_write(work)
        except (ServiceUnavailable, SessionExpired) as err:
            raise StoreUnavailable(
                f"Neo4j is unreachable; the write was not committed: {err}"
            ) from err
        except (Neo4jError, DriverError) as err:
            hint = ""
            if getattr(err, "code", "") == "Neo.TransientError.General.MemoryPoolOutOfMemoryError":
                hint = (
                    "; a load is one transaction, and this one did not fit in Neo4j's transaction "
                    "memory: raise dbms.memory.transaction.total.max (or the heap, "
                    "server.memory.heap.max_size) on the server, or load a few sources at a time "
                    "(`pledgegraph load SOURCE...`)"
                )
            raise StoreError(f"write failed and was rolled back: {err}{hint}") from err

    def apply_schema(self, query: Query) -> None:
        for statement in query.statements():
            try:
                self.driver.execute_query(
                    statement, routing_=neo4j.RoutingControl.WRITE, database_=self.database
                )
            except (ServiceUnavailable, SessionExpired) as err:
                raise StoreUnavailable(f"Neo4j is unreachable: {err}") from err
            except (Neo4jError, DriverError) as err:
                raise StoreError(f"{query.name}: {err}") from err
