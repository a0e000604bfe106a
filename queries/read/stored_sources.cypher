// The sources whose statements the store holds (for the loader: which sources left the data).
// returns: source
MATCH (:Entity)-[r]->(:Entity)
RETURN DISTINCT r.source AS source
ORDER BY source
