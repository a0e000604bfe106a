// A commitment's supersession history: every replacement step in its chain, oldest first, with evidence.
// param commitment: string - commitment id
// param as_of: date? - answer as the graph stood that day: only replacements dated on or before it
// example commitment: anthropic-limited-delay-commitment
// returns: from, to, change, date, severity, disclosure, judged_by, basis, evidence
MATCH (c:Commitment {id: $commitment})
OPTIONAL MATCH (before:Commitment)-[:SUPERSEDED_BY*0..20]->(c)
WITH c, collect(DISTINCT before) AS earlier
OPTIONAL MATCH (c)-[:SUPERSEDED_BY*0..20]->(after:Commitment)
WITH earlier, collect(DISTINCT after) AS later
UNWIND earlier + later AS x
WITH DISTINCT x
MATCH (x)-[s:SUPERSEDED_BY]->(y:Commitment)
WHERE coalesce(s.rank, 'normal') <> 'deprecated' AND ($as_of IS NULL OR s.date <= $as_of)
WITH *, s.source AS src_id
OPTIONAL MATCH (src {id: src_id}) WHERE src:Source
WITH x, y, s, src
ORDER BY CASE s.rank WHEN 'preferred' THEN 0 ELSE 1 END, coalesce(s.date, date('9999-12-31')), s.source, s.id
WITH x, y,
     collect({change: s.change, date: s.date, severity: s.severity, disclosure: s.disclosure, judged_by: s.judged_by, basis: s.basis}) AS steps,
     collect({statement: s.id, quote: s.quote, verified: s.verified, unverified_reason: s.unverified_reason, quote_start: s.quote_start, quote_end: s.quote_end,
              attributed_to: s.attributed_to, rank: s.rank, date: s.date, date_precision: s.date_precision, note: s.note, refers_to: s.refers_to, support: s.support,
              source: {id: src.id, name: src.name, url: src.url, publisher: src.publisher, published: src.published}}) AS evidence
RETURN x {.id, .name, .text} AS from, y {.id, .name, .text} AS to, steps[0].change AS change, steps[0].date AS date,
       [v IN steps WHERE v.severity IS NOT NULL | v.severity][0] AS severity,
       [v IN steps WHERE v.disclosure IS NOT NULL | v.disclosure][0] AS disclosure,
       steps[0].judged_by AS judged_by, steps[0].basis AS basis, evidence
ORDER BY date, from.id, to.id
