// One statement by id, with its ends.
// param id: string - statement id
// example id: st-a0eea9c9099ee36019ff483e
// returns: from, edge, to, properties
MATCH (a:Entity)-[r]->(b:Entity)
WHERE r.id = $id
RETURN a.id AS from, type(r) AS edge, b.id AS to, properties(r) AS properties
