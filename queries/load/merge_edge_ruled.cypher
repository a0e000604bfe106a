// Upsert RULED statements by id, replacing their properties (for scripts run on a store that may
// hold them already, such as the Cypher export; generated from schema/model.yaml by `pledgegraph generate`; do not edit).
// param rows: list - [{from, to, id, props}], props holding every property, id included
// returns:
UNWIND $rows AS row
MATCH (a {id: row.from}) WHERE a:Entity
MATCH (b {id: row.to}) WHERE b:Entity
MERGE (a)-[r:RULED {id: row.id}]->(b)
SET r = row.props
