// One statement by id, with its ends.
// param id: string - statement id
// example id: st-906f0861b45240037316b0f9
// returns: from, edge, to, properties
MATCH (a:Entity)-[r]->(b:Entity)
WHERE r.id = $id
RETURN a.id AS from, type(r) AS edge, b.id AS to, properties(r) AS properties
