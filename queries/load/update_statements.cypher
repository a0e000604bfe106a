// Replace the properties of statements the store already holds whose evidence changed (such as a
// quote's recorded span), each found from the node it starts at.
// param rows: list - [{from, id, props}], props holding every property, id included
// returns:
// The id is matched in the pattern, so a node with many statements is not expanded once per row.
UNWIND $rows AS row
MATCH (a {id: row.from})-[r {id: row.id}]->()
WHERE a:Entity
SET r = row.props
