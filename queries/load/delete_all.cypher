// Delete every pledgegraph node and statement (all carry the Entity label) and the data version; other data stays.
// returns:
MATCH (n)
WHERE n:Entity OR n:DataVersion
DETACH DELETE n
