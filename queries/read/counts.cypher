// How many nodes and statements the store holds.
// returns: nodes, statements
MATCH (n:Entity)
WITH count(n) AS nodes
OPTIONAL MATCH (:Entity)-[r]->(:Entity)
RETURN nodes, count(r) AS statements
