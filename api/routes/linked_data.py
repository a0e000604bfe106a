"""Dereferenceable IRIs: /id/{kind}/{id} with content negotiation, the vocabulary and the context."""

from __future__ import annotations

from html import escape
from importlib import resources
from typing import Any, Literal
from urllib.parse import quote

from fastapi import APIRouter, Depends, Path, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from api.deps import QueriesDep, RdfDep, SchemaDep, SettingsDep, StoreDep, get_view, view_rdf
from api.errors import NotFound, problems
from api.html import page
from api.negotiation import negotiate
from api.pages import layout
from api.view import View
from api.words import human_date, sentence
from graph.rdf import FORMATS, RdfBuilder, serialize
from graph.rdf_parse import parse_rdf
from schema import Schema
from schema.generate import kind_slug
from schema.vocab import released_file, released_versions

router = APIRouter(tags=["linked data"], responses=problems(404, 406, 503))

RDF_MEDIA = {media: name for name, (_, media) in FORMATS.items()}
OFFERED = [*RDF_MEDIA, "text/html"]
Format = Literal["turtle", "jsonld", "ntriples", "trig", "nquads", "html"]
VocabFormat = Literal["turtle", "jsonld", "ntriples"]
FORMAT_PARAM = Query(default=None, description="Overrides the Accept header.")
RDF_RESPONSES: dict[int | str, dict[str, Any]] = {
    200: {
        "content": {media: {} for media in OFFERED},
        "description": "The resource in the negotiated representation.",
    },
    406: {"description": "None of the accepted media types can be produced."},
}


def _choose(request: Request, fmt: str | None, offered: list[str]) -> str:
    if fmt is not None:
        return "text/html" if fmt == "html" else FORMATS[fmt][1]
    return negotiate(request.headers.get("accept"), offered)  # NotAcceptable answers 406


def _alternates(path: str) -> dict[str, str]:
    return {media: f"{path}?format={name}" for media, name in RDF_MEDIA.items()}


def _rdf_response(builder: RdfBuilder, media: str, schema: Schema, path: str) -> Response:
    body = serialize(builder, RDF_MEDIA[media], schema)
    links = ", ".join(
        f'<{href}>; rel="alternate"; type="{m}"' for m, href in _alternates(path).items()
    )
    return Response(content=body, media_type=media, headers={"Vary": "Accept", "Link": links})


@router.get(
    "/id/{kind}/{entity_id}",
    response_class=Response,
    responses=RDF_RESPONSES,
    summary="An entity (or a statement) at its own IRI: RDF or an HTML page, by content negotiation",
)
def describe(
    request: Request,
    store: StoreDep,
    queries: QueriesDep,
    schema: SchemaDep,
    settings: SettingsDep,
    kind: str = Path(
        description="lab, person, commitment, policy-version, source, statement, ...",
        max_length=40,
    ),
    entity_id: str = Path(description="The entity's or statement's id.", max_length=200),
    format: Format | None = FORMAT_PARAM,
    view: View = Depends(get_view),
) -> Response:
    media = _choose(request, format, OFFERED)
    if kind == "agent":
        return _agent(request, media, view_rdf(view, queries, schema, settings), schema, entity_id)
    if kind == "statement":
        statements = store.read(queries["read/statement"], {"id": entity_id})
        if not statements:
            raise NotFound(f"no statement with id {entity_id!r}")
        centre = None
    else:
        found = store.read(queries["read/nodes"], {"ids": [entity_id]})
        if not found:
            raise NotFound(f"no entity with id {entity_id!r}")
        centre = found[0]
        actual = kind_slug(schema.node_type_of(centre["labels"]).name)
        if actual != kind:
            raise NotFound(
                f"{entity_id!r} is a {actual}, not a {kind}: its IRI ends id/{actual}/{entity_id}"
            )
        statements = store.read(queries["read/entity_graph"], {"id": entity_id})
    ids = {entity_id} if centre else set()
    for st in statements:
        ids.update((st["from"], st["to"], str(st["properties"].get("source"))))
    nodes = {n["id"]: n for n in store.read(queries["read/nodes"], {"ids": sorted(ids)})}
    builder = RdfBuilder(schema, settings.base_iri)
    for node in nodes.values():
        builder.add_node(node)
    statements = [
        st for st in statements if st["from"] in nodes and st["to"] in nodes
    ]  # both ends are always there; kept for safety
    for st in sorted(statements, key=lambda s: str(s["properties"].get("id"))):
        builder.add_statement(st)
    path = request.url.path
    if media != "text/html":
        return _rdf_response(builder, media, schema, path)
    return HTMLResponse(_html(builder, centre, statements, nodes, schema, path, entity_id, kind))


def _html(
    builder: RdfBuilder,
    centre: dict[str, Any] | None,
    statements: list[dict[str, Any]],
    nodes: dict[str, dict[str, Any]],
    schema: Schema,
    path: str,
    entity_id: str,
    kind: str,
) -> str:
    def href(node_id: str) -> str:
        node = nodes[node_id]
        return (
            f"/id/{kind_slug(schema.node_type_of(node['labels']).name)}/{quote(node_id, safe='')}"
        )

    def name(node_id: str) -> str:
        return str(nodes[node_id]["properties"].get("name") or node_id)

    items = []
    for st in sorted(
        statements, key=lambda s: (str(s["properties"].get("date") or ""), s["edge"]), reverse=True
    ):
        props = st["properties"]
        source_id = str(props.get("source"))
        items.append(
            {
                "subject": name(st["from"]),
                "subject_href": href(st["from"]),
                "edge": st["edge"],
                "sentence": sentence(
                    {
                        **props,
                        "edge": st["edge"],
                        "subjects": [{"id": st["from"], "name": name(st["from"])}],
                        "objects": [{"id": st["to"], "name": name(st["to"])}],
                    }
                ),
                "when": human_date(props.get("date"), props.get("date_precision"))
                if props.get("date")
                else None,
                "object": name(st["to"]),
                "object_href": href(st["to"]),
                "date": props.get("date"),
                "quote": props.get("quote"),
                "verified": props.get("verified"),
                "href": f"/id/statement/{quote(str(props.get('id')), safe='')}",
                "source": {"name": name(source_id), "href": href(source_id)}
                if source_id in nodes
                else {"name": source_id},
            }
        )
    if centre is not None:
        node_type = schema.node_type_of(centre["labels"])
        props = {k: centre["properties"].get(k) for k in node_type.properties}
        title = str(centre["properties"].get("name") or entity_id)
        iri = str(builder.iri(node_type.name, entity_id))
        kind_name = node_type.name
    else:
        props = {k: v for k, v in statements[0]["properties"].items() if v is not None}
        title = f"Statement {entity_id}"
        iri = str(builder.statement_iri(entity_id))
        kind_name = "Statement"
    return page(
        title=title,
        iri=iri,
        kind=kind_name,
        properties=dict(sorted(props.items())),
        statements=items,
        alternates=_alternates(path),
    )


def _schema_file(name: str) -> str:
    return resources.files("schema").joinpath(name).read_text(encoding="utf-8")


def _vocabulary(
    request: Request, fmt: str | None, filename: str, schema: Schema, text: str | None = None
) -> Response:
    """A vocabulary file of the schema package (or ``text``) in the format asked for."""
    offered = ["text/turtle", "application/ld+json", "application/n-triples"]
    media = _choose(request, fmt, offered)
    text = text if text is not None else _schema_file(filename)
    if media == "text/turtle":
        return Response(content=text, media_type=media, headers={"Vary": "Accept"})
    graph = parse_rdf(text, "turtle", schema=schema)
    return Response(
        content=serialize(graph, RDF_MEDIA[media], schema),
        media_type=media,
        headers={"Vary": "Accept"},
    )


@router.get(
    "/vocab",
    response_class=Response,
    responses=RDF_RESPONSES,
    summary="The pledgegraph vocabulary (OWL), generated from the schema",
)
def vocab(
    request: Request, schema: SchemaDep, format: VocabFormat | None = FORMAT_PARAM
) -> Response:
    return _vocabulary(request, format, "vocab.ttl", schema)


@router.get(
    "/vocab/shapes",
    response_class=Response,
    responses=RDF_RESPONSES,
    summary="SHACL shapes that the exports conform to",
)
def vocab_shapes(
    request: Request, schema: SchemaDep, format: VocabFormat | None = FORMAT_PARAM
) -> Response:
    return _vocabulary(request, format, "shapes.ttl", schema)


@router.get(
    "/context.jsonld",
    response_class=Response,
    responses={200: {"content": {"application/ld+json": {}}, "description": "The context."}},
    summary="The JSON-LD context of the current schema version",
)
def context_document() -> Response:
    return Response(content=_schema_file("context.jsonld"), media_type="application/ld+json")


@router.get(
    "/context/{version}.jsonld",
    response_class=Response,
    responses={200: {"content": {"application/ld+json": {}}, "description": "The context."}},
    summary="The JSON-LD context of one schema version",
)
def versioned_context(schema: SchemaDep, version: str = Path(max_length=20)) -> Response:
    if version != schema.version:
        raise NotFound(
            f"no context for schema version {version!r}; this server has {schema.version}"
        )
    return Response(content=_schema_file("context.jsonld"), media_type="application/ld+json")


def _description(request: Request, fmt: str | None, rdf: RdfBuilder, schema: Schema) -> Response:
    """The dataset's VoID and DCAT description, negotiated like the vocabulary."""
    me = rdf.dataset_iri()
    triples = [
        f"{q.subject} {q.predicate} {q.object} ."
        for q in rdf.quads
        if getattr(q.subject, "value", None) == me
    ]
    graph = parse_rdf("\n".join(triples), "ntriples", schema=schema)
    media = _choose(request, fmt, ["text/turtle", "application/ld+json", "application/n-triples"])
    return Response(
        content=serialize(graph, RDF_MEDIA[media], schema),
        media_type=media,
        headers={"Vary": "Accept"},
    )


@router.get(
    "/dataset",
    response_class=Response,
    responses=RDF_RESPONSES,
    summary="The dataset described with VoID and DCAT: licence, version, newest date, endpoints",
)
def dataset_description(
    request: Request, rdf: RdfDep, schema: SchemaDep, format: VocabFormat | None = FORMAT_PARAM
) -> Response:
    return _description(request, format, rdf, schema)


@router.get(
    "/.well-known/void",
    response_class=Response,
    responses=RDF_RESPONSES,
    summary="The dataset's VoID description, at the path VoID clients look for",
)
def well_known_void(
    request: Request, rdf: RdfDep, schema: SchemaDep, format: VocabFormat | None = FORMAT_PARAM
) -> Response:
    return _description(request, format, rdf, schema)


@router.get(
    "/vocab/{version}",
    response_class=Response,
    responses=RDF_RESPONSES,
    summary="The vocabulary of one schema version (its owl:versionIRI)",
)
def versioned_vocab(
    request: Request,
    schema: SchemaDep,
    version: str = Path(max_length=20),
    format: VocabFormat | None = FORMAT_PARAM,
) -> Response:
    if version == "shapes":
        return _vocabulary(request, format, "shapes.ttl", schema)
    if version == schema.version:
        return _vocabulary(request, format, "vocab.ttl", schema)
    if version in released_versions():  # an earlier release, kept as it was
        text = released_file(version).read_text(encoding="utf-8")
        return _vocabulary(request, format, "", schema, text)
    raise NotFound(
        f"no vocabulary for schema version {version!r}; this server has "
        f"{', '.join([*released_versions(), schema.version][-5:])}"
    )


def _part(rdf: RdfBuilder, schema: Schema, quads: list[Any]) -> RdfBuilder:
    """A builder holding only ``quads`` of ``rdf`` (to serialise one graph or one agent)."""
    part = RdfBuilder(schema, rdf.base)
    part.quads = quads
    return part


def _agent(request: Request, media: str, rdf: RdfBuilder, schema: Schema, slug: str) -> Response:
    """A publisher: its name, and every source and graph attributed to it."""
    iri = f"{rdf.base}id/agent/{slug}"
    quads = [
        q
        for q in rdf.quads
        if getattr(q.subject, "value", None) == iri or getattr(q.object, "value", None) == iri
    ]
    if not quads:
        raise NotFound(f"no publisher with id {slug!r}")
    if media != "text/html":
        return _rdf_response(_part(rdf, schema, quads), media, schema, request.url.path)
    names = [
        str(getattr(q.object, "value", "")) for q in quads if q.predicate.value.endswith("/name")
    ]
    sources = sorted(
        str(getattr(q.subject, "value", ""))
        for q in quads
        if "/id/source/" in str(getattr(q.subject, "value", ""))
        and getattr(q.object, "value", None) == iri
    )
    name = names[0] if names else slug
    items = "".join(
        f'<li><a href="/id/source/{escape(s.rsplit("/", 1)[-1], quote=True)}">'
        f"{escape(s.rsplit('/', 1)[-1])}</a></li>"
        for s in sources
    )
    body = (
        f"<h1>{escape(name)}</h1><p class=meta>Publisher · <code>{escape(iri)}</code></p>"
        f"<h2>Sources it published ({len(sources)})</h2><ul>{items}</ul>"
    )
    return HTMLResponse(layout(name, body))


GRAPH_OFFERED = ["application/trig", "application/n-quads", *RDF_MEDIA, "text/html"]


@router.get(
    "/graph/{source_id}",
    response_class=Response,
    responses={**RDF_RESPONSES, 303: {"description": "HTML: the source's page."}},
    summary="A source's named graph: its statements, as TriG or N-Quads (the source's page as HTML)",
)
def named_graph(
    request: Request,
    rdf: RdfDep,
    schema: SchemaDep,
    source_id: str = Path(max_length=200, description="The source's id."),
    format: Format | None = FORMAT_PARAM,
) -> Response:
    media = _choose(request, format, GRAPH_OFFERED)
    iri = str(rdf.graph_iri(source_id))
    quads = [
        q
        for q in rdf.quads
        if getattr(q.graph_name, "value", None) == iri or getattr(q.subject, "value", None) == iri
    ]
    if not quads:
        raise NotFound(f"no graph for a source with id {source_id!r}")
    if media == "text/html":
        return RedirectResponse(f"/id/source/{quote(source_id, safe='')}", status_code=303)
    return _rdf_response(_part(rdf, schema, quads), media, schema, request.url.path)
