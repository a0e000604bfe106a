// Every statement (edge) with its ends and properties (for exports).
// returns: from, edge, to, properties
MATCH (a:Entity)-[r]->(b:Entity)
RETURN a.id AS from, type(r) AS edge, b.id AS to, properties(r) AS properties
ORDER BY r.id
