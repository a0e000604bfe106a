// What a lab dropped: each commitment with the date, what replaced it, how, and the evidence.
// param lab: string - lab id, name or alias (case-insensitive)
// example lab: anthropic
// returns: lab, commitment, change, date, replaced_by, evidence
MATCH (l:Lab)
WHERE l.id = toLower($lab) OR toLower(l.name) = toLower($lab)
   OR any(alias IN coalesce(l.aliases, []) WHERE toLower(alias) = toLower($lab))
MATCH (l)-[d:DROPPED]->(c:Commitment)
OPTIONAL MATCH (src:Source) WHERE src.id = d.source
WITH l, c, d, src ORDER BY d.source, d.id
WITH l, c, min(d.date) AS date,
     collect({statement: d.id, quote: d.quote, verified: d.verified, quote_start: d.quote_start, quote_end: d.quote_end, attributed_to: d.attributed_to,
              source: {id: src.id, name: src.name, url: src.url, publisher: src.publisher, published: src.published}}) AS evidence
OPTIONAL MATCH (c)-[s:SUPERSEDED_BY]->(r:Commitment)
OPTIONAL MATCH (ssrc:Source) WHERE ssrc.id = s.source
WITH l, c, date, evidence, r, s, ssrc ORDER BY r.id, s.source, s.id
WITH l, c, date, evidence, r, s.change AS change, s.date AS changed,
     collect({statement: s.id, quote: s.quote, verified: s.verified, quote_start: s.quote_start, quote_end: s.quote_end, attributed_to: s.attributed_to,
              source: {id: ssrc.id, name: ssrc.name, url: ssrc.url, publisher: ssrc.publisher, published: ssrc.published}}) AS replacement_evidence
WITH l, c, date, evidence, r, change, changed, replacement_evidence ORDER BY r.id
WITH l, c, date, evidence,
     collect(CASE WHEN r IS NULL THEN null ELSE {id: r.id, name: r.name, text: r.text, change: change, date: changed, evidence: replacement_evidence} END) AS replaced_by
RETURN l.id AS lab, c {.id, .name, .text, .category} AS commitment,
       CASE WHEN size(replaced_by) = 0 THEN null ELSE replaced_by[0].change END AS change,
       date, replaced_by, evidence
ORDER BY date DESC, commitment.id
