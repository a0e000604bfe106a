// The statements the store holds from the given sources, with the node each starts from and its
// properties (for the loader: which to keep as they are, which to update, which to delete).
// param sources: list - source ids
// example sources: ["cybernews-anthropic-rsp-v3"]
// returns: id, from, props
MATCH (a:Entity)-[r]->()
WHERE r.source IN $sources
RETURN r.id AS id, a.id AS from, properties(r) AS props
