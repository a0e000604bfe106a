// A lab's commitments: when made, whether binding, whether still standing, and the evidence.
// param lab: string - lab id, name or alias (case-insensitive)
// example lab: anthropic
// returns: lab, commitment, made, made_precision, binding, status, dropped, superseded_by, evidence
MATCH (l:Lab)
WHERE l.id = toLower($lab) OR toLower(l.name) = toLower($lab)
   OR any(alias IN coalesce(l.aliases, []) WHERE toLower(alias) = toLower($lab))
MATCH (l)-[m:MADE]->(c:Commitment)
OPTIONAL MATCH (src:Source) WHERE src.id = m.source
WITH l, c, m, src ORDER BY m.source, m.id
WITH l, c, min(m.date) AS made, collect(DISTINCT m.binding) AS bindings, collect({date: m.date, precision: m.date_precision}) AS dates,
     collect({statement: m.id, quote: m.quote, verified: m.verified, quote_start: m.quote_start, quote_end: m.quote_end, attributed_to: m.attributed_to,
              source: {id: src.id, name: src.name, url: src.url, publisher: src.publisher, published: src.published}}) AS evidence
OPTIONAL MATCH (l)-[d:DROPPED]->(c)
WITH l, c, made, [x IN dates WHERE x.date = made | x.precision][0] AS made_precision, bindings, evidence, min(d.date) AS dropped
OPTIONAL MATCH (c)-[:SUPERSEDED_BY]->(r:Commitment)
WITH l, c, made, made_precision, bindings, evidence, dropped, r ORDER BY r.id
WITH l, c, made, made_precision, bindings, evidence, dropped, collect(DISTINCT r.id) AS superseded_by
RETURN l.id AS lab, c {.id, .name, .text, .category} AS commitment, made, made_precision,
       CASE WHEN 'non_binding' IN bindings THEN 'non_binding' WHEN 'binding' IN bindings THEN 'binding' ELSE null END AS binding,
       CASE WHEN dropped IS NOT NULL THEN 'dropped' WHEN size(superseded_by) > 0 THEN 'superseded' ELSE 'standing' END AS status,
       dropped, superseded_by, evidence
ORDER BY made DESC, commitment.id
