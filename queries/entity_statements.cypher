// Every statement that touches an entity, outgoing and incoming, with the other end.
// param id: string - entity id
// returns: edge, direction, other, statement
MATCH (n:Entity {id: $id})-[r]->(m:Entity)
RETURN type(r) AS edge, 'out' AS direction, m {.id, .name} AS other, properties(r) AS statement
UNION ALL
MATCH (n:Entity {id: $id})<-[r]-(m:Entity)
RETURN type(r) AS edge, 'in' AS direction, m {.id, .name} AS other, properties(r) AS statement
