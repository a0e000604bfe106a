// Delete every pledgegraph node and statement (all carry the Entity label); other data stays.
// returns:
MATCH (n:Entity)
DETACH DELETE n
