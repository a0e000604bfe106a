// A commitment's supersession history: every replacement step in its chain, oldest first, with evidence.
// param commitment: string - commitment id
// example commitment: anthropic-limited-delay-commitment
// returns: from, to, change, date, evidence
MATCH (c:Commitment {id: $commitment})
OPTIONAL MATCH (before:Commitment)-[:SUPERSEDED_BY*0..20]->(c)
WITH c, collect(DISTINCT before) AS earlier
OPTIONAL MATCH (c)-[:SUPERSEDED_BY*0..20]->(after:Commitment)
WITH earlier, collect(DISTINCT after) AS later
UNWIND earlier + later AS x
WITH DISTINCT x
MATCH (x)-[s:SUPERSEDED_BY]->(y:Commitment)
OPTIONAL MATCH (src:Source) WHERE src.id = s.source
WITH x, y, s, src ORDER BY s.source, s.id
WITH x, y, s.change AS change, s.date AS date,
     collect({statement: s.id, quote: s.quote, verified: s.verified, quote_start: s.quote_start, quote_end: s.quote_end, attributed_to: s.attributed_to,
              source: {id: src.id, name: src.name, url: src.url, publisher: src.publisher, published: src.published}}) AS evidence
RETURN x {.id, .name, .text} AS from, y {.id, .name, .text} AS to, change, date, evidence
ORDER BY date, from.id, to.id
