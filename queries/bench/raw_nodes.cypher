// Benchmark baseline: create nodes as fast as the store can, no MERGE, one label (Entity), no constraint.
// param rows: list - [{id, props}]
// returns:
UNWIND $rows AS row
CREATE (n:Entity)
SET n = row.props
