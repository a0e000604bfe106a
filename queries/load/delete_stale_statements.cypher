// Delete a source's statements that are no longer in its claims.
// param source: string - source id
// param keep: list - ids of the statements the source still makes
// returns:
MATCH ()-[r]->()
WHERE r.source = $source AND NOT r.id IN $keep
DELETE r
