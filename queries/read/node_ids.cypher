// The id of every node the store holds (for the loader: which nodes left the data).
// returns: id
MATCH (n:Entity)
RETURN n.id AS id
ORDER BY id
