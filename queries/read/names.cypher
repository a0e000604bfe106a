// Every node's id, name, aliases and labels (to suggest the nearest names for one that matched nothing).
// returns: id, name, aliases, labels
MATCH (n:Entity)
RETURN n.id AS id, n.name AS name, coalesce(n.aliases, []) AS aliases, labels(n) AS labels
ORDER BY id
