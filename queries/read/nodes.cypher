// Some nodes by id, with their labels and properties.
// param ids: list - node ids
// example ids: ["anthropic", "pete-hegseth"]
// returns: id, labels, properties
MATCH (n:Entity)
WHERE n.id IN $ids
RETURN n.id AS id, labels(n) AS labels, properties(n) AS properties
ORDER BY id
