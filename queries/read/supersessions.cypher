// Every supersession in the store, with its source (for the cycle check at ingest).
// returns: from, to, source
MATCH (a:Commitment)-[r:SUPERSEDED_BY]->(b:Commitment)
RETURN a.id AS from, b.id AS to, r.source AS source
