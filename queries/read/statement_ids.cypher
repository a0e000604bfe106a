// The ids of the statements taken from one source.
// param source: string - source id
// example source: cybernews-anthropic-rsp-v3
// returns: id
MATCH ()-[r]->()
WHERE r.source = $source
RETURN r.id AS id
