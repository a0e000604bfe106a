// Delete statements by id, each found from the node it starts at (an index lookup, not a scan).
// param rows: list - [{from, id}]: the statement's id and the id of its start node
// returns:
// The id is matched in the pattern, so a node with many statements is not expanded once per row.
UNWIND $rows AS row
MATCH (a {id: row.from})-[r {id: row.id}]->()
WHERE a:Entity
DELETE r
