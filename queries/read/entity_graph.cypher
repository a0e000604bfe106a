// The statements an entity is part of, and for a source the statements taken from it (for its RDF description; unordered).
// param id: string - entity or source id
// example id: pete-hegseth
// returns: from, edge, to, properties
MATCH (a {id: $id})-[r]->(b:Entity) WHERE a:Entity
RETURN a.id AS from, type(r) AS edge, b.id AS to, properties(r) AS properties
UNION
MATCH (a:Entity)-[r]->(b {id: $id}) WHERE b:Entity
RETURN a.id AS from, type(r) AS edge, b.id AS to, properties(r) AS properties
UNION
MATCH (a:Entity)-[r]->(b:Entity)
WHERE r.source = $id
RETURN a.id AS from, type(r) AS edge, b.id AS to, properties(r) AS properties
