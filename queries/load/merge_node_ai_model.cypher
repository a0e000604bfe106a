// Upsert AIModel nodes by id, replacing their properties (generated from schema/model.yaml by `pledgegraph generate`; do not edit).
// param rows: list - [{id, props}], props holding every property, id included
// returns:
UNWIND $rows AS row
MERGE (n:AIModel {id: row.id})
SET n = row.props
SET n:Entity
