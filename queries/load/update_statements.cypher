// Replace the properties of statements the store already holds whose evidence changed (such as a
// quote's recorded span), each found from the node it starts at.
// param rows: list - [{from, id, props}], props holding every property, id included
// returns:
UNWIND $rows AS row
MATCH (a {id: row.from})-[r]->()
WHERE a:Entity AND r.id = row.id
SET r = row.props
