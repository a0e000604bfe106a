"""The whole graph as RDF."""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Literal

from fastapi import APIRouter, Query, Request
from fastapi.responses import FileResponse, Response

import pledgegraph
from api.deps import QueriesDep, SchemaDep, SettingsDep, ViewDep, view_rdf
from api.errors import problems
from api.negotiation import NotAcceptable, negotiate
from api.view import UNVERSIONED
from graph.data_version import digest
from graph.rdf import FORMATS, serialize
from pledgegraph.settings import Settings

log = logging.getLogger(__name__)

router = APIRouter(tags=["export"], responses=problems(503))
Format = Literal["turtle", "jsonld", "ntriples", "trig", "nquads"]
BY_MEDIA_TYPE = {media: name for name, (_, media) in FORMATS.items()}


Evidence = Literal["all", "verified", "preferred"]


def export_format(accept: str | None) -> str:
    """The format an Accept header asks for (q-values honoured); Turtle when it names none."""
    try:
        return BY_MEDIA_TYPE[negotiate(accept, list(BY_MEDIA_TYPE))]
    except NotAcceptable:
        return "turtle"


@router.get(
    "/export",
    response_class=Response,
    summary="The whole graph as RDF, with every statement's source and quote",
    responses={
        200: {
            "content": {media: {} for _, media in FORMATS.values()},
            "description": "The graph as RDF.",
        }
    },
)
def export(
    request: Request,
    view: ViewDep,
    queries: QueriesDep,
    schema: SchemaDep,
    settings: SettingsDep,
    format: Format | None = Query(
        default=None,
        description="turtle, jsonld, ntriples, trig or nquads (trig and nquads keep one named "
        "graph per source); else taken from the Accept header.",
    ),
    evidence: Evidence = Query(
        default="all",
        description="Which facts are stated as plain triples: all, verified (quote found in the "
        "archived text) or preferred (no deprecated fact; an event's preferred statement where it "
        "has one). Every reified statement stays, with its verification state and rank.",
    ),
) -> Response:
    name = format or export_format(request.headers.get("accept"))
    media = FORMATS[name][1]
    kept = export_file(settings, view.data_version(), name, evidence)
    if kept is not None and kept.is_file():
        return FileResponse(kept, media_type=media)  # the same data exported before: a file read
    rdf = view_rdf(view, queries, schema, settings)  # built once per view, on first need
    key = name if evidence == "all" else f"{name}-{evidence}"
    with view.lock:
        if key not in view.exports:
            view.exports[key] = serialize(rdf.selected(evidence), name, schema)
        body = view.exports[key]
    if kept is not None:
        keep_export(kept, body)
    return Response(content=body, media_type=media)


def export_file(settings: Settings, version: str, name: str, evidence: str = "all") -> Path | None:
    """Where the export of this data version in this format is kept, beside the store file
    (None for a store without a version: its token lasts only as long as the server's view)."""
    if version.startswith(UNVERSIONED):
        return None
    folder = settings.store_path.with_name(settings.store_path.name + ".exports")
    # The bytes also depend on the base IRI and on this program's version.
    made_by = digest([pledgegraph.__version__, settings.base_iri])
    selection = "" if evidence == "all" else f"{evidence}."
    return folder / f"{version}-{made_by}.{selection}{name}"


def keep_export(path: Path, body: str) -> None:
    """Write the export beside the store (atomically) and drop those of other data versions; a
    folder that cannot be written only costs the next request a rebuild."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        tmp.write_text(body, encoding="utf-8")
        tmp.replace(path)
        same = path.name.split(".", 1)[0]  # this data version, base IRI and program
        for old in path.parent.iterdir():
            if not old.name.startswith((same + ".", ".")):
                old.unlink(missing_ok=True)
    except OSError as err:
        log.warning("could not keep the export in %s: %s", path.parent, err)
