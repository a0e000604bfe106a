// Create new RULED statements (generated from schema/model.yaml by `pledgegraph generate`; do not edit).
// The loader passes only statements whose id the store does not hold yet (the uniqueness
// constraint on the id backs that up), so no MERGE is needed.
// param rows: list - [{from, to, id, props}], props holding every property, id included
// returns:
UNWIND $rows AS row
MATCH (a {id: row.from}) WHERE a:Entity
MATCH (b {id: row.to}) WHERE b:Entity
CREATE (a)-[r:RULED]->(b)
SET r = row.props
