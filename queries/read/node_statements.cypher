// Every statement attached to the given nodes, either way, with its type, ends and properties (for
// the loader: a node whose type changes is recreated, and its statements with it).
// param ids: list - node ids
// example ids: ["anthropic"]
// returns: id, edge, from, to, props
MATCH (a:Entity)-[r]->(b:Entity)
WHERE a.id IN $ids OR b.id IN $ids
RETURN DISTINCT r.id AS id, type(r) AS edge, a.id AS from, b.id AS to, properties(r) AS props
ORDER BY id
