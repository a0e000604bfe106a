// Every statement that touches an entity, outgoing and incoming, with the other end (ordered by edge, direction, other end, id).
// param id: string - entity id
// example id: pete-hegseth
// returns: edge, direction, other, statement
MATCH (n {id: $id}) WHERE n:Entity
// The subquery keeps Neo4j 5.26 on the id's index seek: a plain second MATCH plans an index scan.
CALL (n) {
  MATCH (n)-[r]-(m:Entity)
  RETURN r, m
}
// Map literals rather than m {.id, .name}: kglite 0.21 drops projections of nodes that come out of a subquery.
RETURN type(r) AS edge, CASE WHEN startNode(r) = n THEN 'out' ELSE 'in' END AS direction,
       {id: m.id, name: m.name} AS other, properties(r) AS statement
ORDER BY edge, direction, other.id, statement.id
