// Upsert BREACHED statements by id, replacing their properties (generated from schema/model.yaml by `pledgegraph generate`; do not edit).
// param rows: list - [{from, to, id, props}], props holding every property, id included
// returns:
UNWIND $rows AS row
MATCH (a:Entity {id: row.from})
MATCH (b:Entity {id: row.to})
MERGE (a)-[r:BREACHED {id: row.id}]->(b)
SET r = row.props
