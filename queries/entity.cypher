// One entity by id: its labels and properties.
// param id: string - entity id
// example id: pete-hegseth
// returns: id, labels, properties
MATCH (n {id: $id}) WHERE n:Entity
RETURN n.id AS id, labels(n) AS labels, properties(n) AS properties
