// Delete statements by id, each found from the node it starts at (an index lookup, not a scan).
// param rows: list - [{from, id}]: the statement's id and the id of its start node
// returns:
UNWIND $rows AS row
MATCH (a {id: row.from})-[r]->()
WHERE a:Entity AND r.id = row.id
DELETE r
