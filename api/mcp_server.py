"""The graph for assistants: an MCP server whose tools are the canned questions, with evidence.

Every tool is a question the HTTP API answers, with typed arguments, the same response model as
its HTTP route (as the tool's output schema) and a one-line summary. Every fact in an answer
carries its evidence (source, publisher, date, address, quote, verified or not). A name that
matches nothing is a tool error naming the nearest matches, never an empty success. There is no
tool that runs Cypher: assistants ask the canned questions only.

Resources: every entity (labs, people, commitments, sources...) at its IRI, the catalogue of
questions, and the schema.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from typing import Annotated, Any, TypeVar

from mcp.server.mcpserver import MCPServer
from mcp.server.mcpserver.exceptions import ToolError
from mcp_types import CallToolResult, TextContent
from pydantic import BaseModel, Field

import pledgegraph
from api.errors import NotFound
from api.models import (
    CommitmentDetail,
    FrameworksMissing,
    LabCommitments,
    LabDropped,
    LabPressure,
    LabSummary,
    Pressure,
    Signatories,
    TimelineEvent,
)
from api.routes import commitments as commitment_routes
from api.routes import entities as entity_routes
from api.routes import frameworks as framework_routes
from api.routes import labs as lab_routes
from api.routes import pressure as pressure_routes
from api.routes import timeline as timeline_routes
from api.routes.queries import info
from graph.cypher import QueryLibrary
from graph.names import UnknownName, nearest, require
from graph.store import GraphStore, StoreError
from pledgegraph.settings import Settings
from schema import Schema, load_schema
from schema.generate import kind_slug

T = TypeVar("T")

LabName = Annotated[str, Field(min_length=1, max_length=200, description="Lab id, name or alias.")]
AsOf = Annotated[
    dt.date | None,
    Field(description="Answer as the graph stood on this day: only facts dated on or before it."),
]


class EntityMatch(BaseModel):
    """An entity found by search, with its IRI (readable as a resource)."""

    id: str
    name: str | None
    kind: str
    iri: str


def _result(summary: str, model: BaseModel | list[Any]) -> CallToolResult:
    if isinstance(model, list):
        structured = {"result": [m.model_dump(mode="json", by_alias=True) for m in model]}
    else:
        structured = model.model_dump(mode="json", by_alias=True)
    return CallToolResult(
        content=[TextContent(type="text", text=summary)], structured_content=structured
    )


def _names(items: list[Any], limit: int = 5) -> str:
    shown = ", ".join(items[:limit])
    return shown + (f" and {len(items) - limit} more" if len(items) > limit else "")


def _day(value: dt.date | None) -> str:
    return value.isoformat() if value else "undated"


def build_server(store: GraphStore, settings: Settings) -> MCPServer:
    """An MCP server over ``store`` (opened and closed by the caller)."""
    queries = QueryLibrary()
    schema = load_schema()
    server: MCPServer = MCPServer(
        name="pledgegraph",
        version=pledgegraph.__version__,
        instructions=(
            "What AI labs promised about safety, what they dropped or weakened, who pressed them, "
            "and where it says so. Each tool answers one question; quote the evidence it returns "
            "(source, date, address, verbatim quote, verified or not) and never more than it says."
        ),
    )

    def call(what: str, name: str | None, label: str, fn: Callable[[], T]) -> T:
        try:
            return fn()
        except UnknownName as err:
            raise ToolError(str(err)) from None
        except NotFound as err:
            if name is None:
                raise ToolError(str(err)) from None
            near = nearest(store, queries, name, label)
            raise ToolError(str(UnknownName(what, name, near))) from None
        except StoreError as err:
            raise ToolError(f"the graph store could not answer: {err}") from err

    def need(what: str, name: str | None, label: str) -> str | None:
        if name is None:
            return None
        return call(what, name, label, lambda: require(store, queries, name, label, what))

    @server.tool(title="The labs")
    def labs(as_of: AsOf = None) -> Annotated[CallToolResult, list[LabSummary]]:
        """Every lab, with how many commitments it made, dropped and weakened."""
        rows = call("lab", None, "Lab", lambda: lab_routes.labs(store, queries, as_of))
        active = [r.name for r in rows if r.made or r.dropped]
        return _result(f"{len(rows)} labs; with recorded commitments: {_names(active)}", rows)

    @server.tool(title="What a lab dropped")
    def lab_dropped(lab: LabName, as_of: AsOf = None) -> Annotated[CallToolResult, LabDropped]:
        """What a lab dropped: each commitment with its date, what replaced it and how, and the
        evidence for each."""
        answer = call("lab", lab, "Lab", lambda: lab_routes.dropped(store, queries, lab, as_of))
        items = [f"{d.commitment.name} ({_day(d.date)})" for d in answer.dropped]
        summary = f"{answer.lab.name} dropped {len(items)} commitment(s)"
        return _result(summary + (f": {_names(items)}" if items else ""), answer)

    @server.tool(title="A lab's commitments")
    def lab_commitments(
        lab: LabName, as_of: AsOf = None
    ) -> Annotated[CallToolResult, LabCommitments]:
        """A lab's commitments and whether each still stands (as of a date, if given)."""
        answer = call("lab", lab, "Lab", lambda: lab_routes.commitments(store, queries, lab, as_of))
        return _result(f"{answer.lab.name}: {len(answer.commitments)} commitment(s)", answer)

    @server.tool(title="Who pressed a lab")
    def who_pressed(lab: LabName, as_of: AsOf = None) -> Annotated[CallToolResult, LabPressure]:
        """Who pressed a lab, over time: each person or body with every action, in order."""
        answer = call("lab", lab, "Lab", lambda: lab_routes.pressed_by(store, queries, lab, as_of))
        names = [p.by.name for p in answer.pressed_by]
        return _result(
            f"{answer.lab.name} was pressed by {_names(names) or 'no one recorded'}", answer
        )

    @server.tool(title="Pressure")
    def pressure(
        target: Annotated[
            str | None,
            Field(max_length=200, description="Pressed organisation: id, name or alias."),
        ] = None,
        by: Annotated[
            str | None, Field(max_length=200, description="Who pressed: id, name or alias.")
        ] = None,
        as_of: AsOf = None,
    ) -> Annotated[CallToolResult, list[Pressure]]:
        """Pressure on organisations (a demand, letter, deadline, investigation...): who, on whom,
        when, with what threat and outcome, and the evidence."""
        target_id = need("organisation", target, "Organisation")
        by_id = need("person or body", by, "Entity")
        rows = call(
            "organisation",
            None,
            "Entity",
            lambda: pressure_routes.pressure(store, queries, target_id, by_id, as_of),
        )
        items = [
            f"{', '.join(str(b.name) for b in p.by)} → {', '.join(str(t.name) for t in p.targets)} ({_day(p.date)})"
            for p in rows
        ]
        return _result(f"{len(rows)} pressure action(s): {_names(items) or 'none'}", rows)

    @server.tool(title="A commitment's history")
    def commitment_history(
        commitment: Annotated[
            str, Field(min_length=1, max_length=200, description="Commitment id.")
        ],
        as_of: AsOf = None,
    ) -> Annotated[CallToolResult, CommitmentDetail]:
        """A commitment: who made it, dropped, met or breached it, and its ordered history of
        replacements with evidence."""
        answer = call(
            "commitment",
            commitment,
            "Commitment",
            lambda: commitment_routes.commitment(store, queries, commitment, as_of),
        )
        return _result(
            f"{answer.commitment.name}: {len(answer.history)} step(s) in its history", answer
        )

    @server.tool(title="Timeline")
    def timeline(
        lab: Annotated[
            str | None, Field(max_length=200, description="Lab id, name or alias.")
        ] = None,
        from_date: Annotated[dt.date | None, Field(description="Earliest date.")] = None,
        to_date: Annotated[dt.date | None, Field(description="Latest date.")] = None,
    ) -> Annotated[CallToolResult, list[TimelineEvent]]:
        """Dated events, newest first, each with its evidence (for one lab, or all)."""
        if from_date and to_date and from_date > to_date:
            raise ToolError("from_date is after to_date")
        rows = call(
            "lab",
            lab,
            "Lab",
            lambda: timeline_routes.timeline(store, queries, lab, from_date, to_date),
        )
        return _result(f"{len(rows)} dated event(s)", rows)

    @server.tool(title="Signatories")
    def signatories(
        commitment: Annotated[
            str,
            Field(
                min_length=1,
                max_length=200,
                description="Commitment or agreement: id, name or alias.",
            ),
        ],
        as_of: AsOf = None,
    ) -> Annotated[CallToolResult, Signatories]:
        """Who signed a commitment or agreement, who declined, and what each has delivered."""
        answer = call(
            "commitment or agreement",
            commitment,
            "Entity",
            lambda: commitment_routes.signatories(store, queries, commitment, as_of),
        )
        return _result(f"{len(answer.signatories)} signatory record(s)", answer)

    @server.tool(title="Labs without a framework")
    def labs_without_framework(as_of: AsOf = None) -> Annotated[CallToolResult, FrameworksMissing]:
        """Labs with no published safety framework by a date, and what each had signed."""
        answer = call("lab", None, "Lab", lambda: framework_routes.missing(store, queries, as_of))
        return _result(f"{len(answer.labs)} lab(s) without a framework", answer)

    @server.tool(title="Search")
    def search(
        text: Annotated[str, Field(min_length=1, max_length=200, description="Text to look for.")],
    ) -> Annotated[CallToolResult, list[EntityMatch]]:
        """Entities (labs, people, commitments, sources...) whose id, name or alias contains the
        text; each with its IRI, readable as a resource."""
        rows = call(
            "entity",
            None,
            "Entity",
            lambda: store.read(queries["search"], {"q": text, "limit": 25}),
        )
        found = [
            EntityMatch(
                id=r["id"],
                name=r["name"],
                kind=(kind := schema.node_type_of(r["labels"]).name),
                iri=f"{settings.base_iri}id/{kind_slug(kind)}/{r['id']}",
            )
            for r in rows
        ]
        if not found:
            raise ToolError(
                str(UnknownName("entity", text, nearest(store, queries, text, "Entity")))
            )
        return _result(f"{len(found)} match(es): {_names([m.id for m in found])}", found)

    _resources(server, store, queries, schema, settings)
    return server


def _resources(
    server: MCPServer, store: GraphStore, queries: QueryLibrary, schema: Schema, settings: Settings
) -> None:
    base = settings.base_iri

    @server.resource(
        base + "id/{kind}/{entity_id}",
        name="entity",
        description="An entity (lab, person, body, commitment, policy, source...) by its IRI: "
        "its properties and every statement about it, with evidence.",
        mime_type="application/json",
    )
    def entity(kind: str, entity_id: str) -> str:
        try:
            detail = entity_routes.entity(store, queries, schema, entity_id)
        except (NotFound, UnknownName) as err:
            raise ToolError(str(err)) from None
        if kind_slug(detail.kind) != kind:
            raise ToolError(
                f"{entity_id!r} is a {detail.kind}, at {base}id/{kind_slug(detail.kind)}/{entity_id}"
            )
        return detail.model_dump_json()

    @server.resource(
        base + "questions",
        name="questions",
        description="The canned questions: parameters, columns, and the HTTP path of each.",
        mime_type="application/json",
    )
    def questions() -> str:
        return json.dumps([info(q).model_dump() for q in queries.public()])

    @server.resource(
        base + "schema",
        name="schema",
        description="The data model: node and edge types, their properties and allowed values.",
        mime_type="text/markdown",
    )
    def schema_doc() -> str:
        from schema.generate import ROOT

        return (ROOT / "docs" / "schema.md").read_text(encoding="utf-8")
