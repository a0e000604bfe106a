// Every statement that touches an entity, outgoing and incoming, with the other end (ordered by edge, direction, other end, id).
// param id: string - entity id
// example id: pete-hegseth
// returns: edge, direction, other, statement
MATCH (n {id: $id}) WHERE n:Entity
MATCH (n)-[r]-(m:Entity)
RETURN type(r) AS edge, CASE WHEN startNode(r) = n THEN 'out' ELSE 'in' END AS direction,
       m {.id, .name} AS other, properties(r) AS statement
ORDER BY edge, direction, other.id, statement.id
