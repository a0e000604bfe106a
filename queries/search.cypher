// Entities whose id, name or an alias contains the text (case-insensitive), labs and commitments first.
// param q: string - text to look for
// param limit: integer? - most results (default 50)
// example q: pledge
// returns: id, name, labels
MATCH (n:Entity)
WHERE toLower(n.id) CONTAINS toLower($q) OR toLower(n.name) CONTAINS toLower($q)
   OR any(alias IN coalesce(n.aliases, []) WHERE toLower(alias) CONTAINS toLower($q))
RETURN n.id AS id, n.name AS name, labels(n) AS labels
ORDER BY CASE WHEN 'Lab' IN labels(n) THEN 0 WHEN 'Commitment' IN labels(n) THEN 1 ELSE 2 END, toLower(name), id
LIMIT coalesce($limit, 50)
