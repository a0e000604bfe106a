"""Any entity by id."""

from __future__ import annotations

from fastapi import APIRouter, Path

from api.deps import QueriesDep, SchemaDep, StoreDep
from api.errors import NotFound, problems
from api.models import EntityDetail, EntityStatement
from graph.names import require

router = APIRouter(prefix="/entities", tags=["entities"], responses=problems(404, 503))


@router.get(
    "/{entity}",
    response_model=EntityDetail,
    summary="An entity's properties and every statement about it",
)
def entity(
    store: StoreDep,
    queries: QueriesDep,
    schema: SchemaDep,
    entity: str = Path(description="Entity id.", min_length=1, max_length=200),
) -> EntityDetail:
    entity = require(store, queries, entity, "Entity", "entity")
    rows = store.read(queries["entity"], {"id": entity})
    if not rows:
        raise NotFound(f"no entity with id {entity!r}")
    row = rows[0]
    node_type = schema.node_type_of(row["labels"])
    props = {
        k: row["properties"][k] for k in sorted(row["properties"]) if k in node_type.properties
    }
    statements: list[EntityStatement] = []
    for st in store.read(queries["entity_statements"], {"id": entity}):
        declared = schema.edge_properties(st["edge"]) if st["edge"] in schema.edge_types else {}
        kept = {k: st["statement"][k] for k in sorted(st["statement"]) if k in declared}
        statements.append(EntityStatement.model_validate({**st, "statement": kept}))
    return EntityDetail(
        id=row["id"],
        kind=node_type.name,
        labels=list(node_type.labels),
        properties=props,
        statements=statements,
    )
