// Every node with its labels and properties (for exports).
// returns: id, labels, properties
MATCH (n:Entity)
RETURN n.id AS id, labels(n) AS labels, properties(n) AS properties
ORDER BY id
