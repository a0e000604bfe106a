// Benchmark baseline: create relationships as fast as the store can, no MERGE, one type.
// param rows: list - [{from, to, id, props}]
// returns:
UNWIND $rows AS row
MATCH (a:Entity {id: row.from})
MATCH (b:Entity {id: row.to})
CREATE (a)-[r:RAW]->(b)
SET r = row.props
