"""The store interface every backend implements, and its errors."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Protocol

from graph.cypher import Query

Step = tuple[Query, Mapping[str, Any]]


class StoreError(RuntimeError):
    """The store failed or refused a statement."""


class StoreUnavailable(StoreError):
    """The store cannot be reached right now."""


class GraphStore(Protocol):
    """A Cypher graph store. Backends receive their connection; they never build one."""

    name: str

    def read(self, query: Query, params: Mapping[str, Any] | None = None) -> list[dict[str, Any]]:
        """Run a read query; rows come back as plain Python (dates as ``datetime.date``)."""
        ...

    def write(self, steps: Sequence[Step]) -> None:
        """Run the steps in one transaction: all of them take effect, or none."""
        ...

    def apply_schema(self, query: Query) -> None:
        """Run each schema statement (constraints, indexes) of ``query``; they are idempotent."""
        ...
