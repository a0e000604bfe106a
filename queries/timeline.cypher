// Dated events, newest first: every dated fact with its evidence, for one lab (facts it is part of, and replacements of its commitments) or for all.
// param lab: string? - lab id, name or alias (case-insensitive); all labs when absent
// param from: date? - earliest date (inclusive)
// param to: date? - latest date (inclusive)
// example lab: anthropic
// returns: date, date_precision, edge, subject, object, change, severity, disclosure, extent, breach, criticism, demand, deadline, threat, role, evidence
CALL () {
  // One lab: the facts it is part of, and the replacements of the commitments it made.
  CALL () {
    MATCH (l {id: toLower($lab)}) WHERE l:Lab
    RETURN l
    UNION
    // Not an id: look for a name or alias (a scan of the labs, skipped when the id matched).
    OPTIONAL MATCH (exact {id: toLower($lab)}) WHERE exact:Lab
    WITH exact
    UNWIND CASE WHEN exact IS NULL AND $lab IS NOT NULL THEN [1] ELSE [] END AS by_name
    MATCH (l:Lab)
    WHERE toLower(l.name) = toLower($lab)
       OR any(alias IN coalesce(l.aliases, []) WHERE toLower(alias) = toLower($lab))
    RETURN l
  }
  CALL (l) {
    MATCH (l)-[r]->(b:Entity)
    RETURN l AS a, r, b
    UNION
    MATCH (a:Entity)-[r]->(l)
    RETURN a, r, l AS b
    UNION
    MATCH (l)-[:MADE]->(a:Entity)-[r:SUPERSEDED_BY]->(b:Entity)
    RETURN a, r, b
  }
  RETURN a, r, b
  UNION
  // No lab: every fact.
  UNWIND CASE WHEN $lab IS NULL THEN [1] ELSE [] END AS everything
  MATCH (a:Entity)-[r]->(b:Entity)
  RETURN a, r, b
}
WITH a, r, b
WHERE r.date IS NOT NULL AND coalesce(r.rank, 'normal') <> 'deprecated'
  AND ($from IS NULL OR r.date >= $from) AND ($to IS NULL OR r.date <= $to)
WITH *, r.source AS src_id
OPTIONAL MATCH (src {id: src_id}) WHERE src:Source
WITH a, b, r, src
ORDER BY CASE r.rank WHEN 'preferred' THEN 0 ELSE 1 END, r.source, r.id
WITH a, b, type(r) AS edge, r.date AS date,
     collect({date_precision: r.date_precision, change: r.change, severity: r.severity, disclosure: r.disclosure, extent: r.extent, breach: r.breach,
              criticism: r.criticism, demand: r.demand, deadline: r.deadline, threat: r.threat, role: r.role}) AS facts,
     collect({statement: r.id, quote: r.quote, verified: r.verified, unverified_reason: r.unverified_reason, quote_start: r.quote_start, quote_end: r.quote_end,
              attributed_to: r.attributed_to, rank: r.rank, date: r.date, date_precision: r.date_precision, note: r.note,
              source: {id: src.id, name: src.name, url: src.url, publisher: src.publisher, published: src.published}}) AS evidence
WITH a, b, edge, date, facts[0] AS f, evidence
// Map literals rather than a {.id, .name}: kglite 0.21 drops projections of nodes that come out of a subquery.
RETURN date, f.date_precision AS date_precision, edge, {id: a.id, name: a.name} AS subject, {id: b.id, name: b.name} AS object,
       f.change AS change, f.severity AS severity, f.disclosure AS disclosure, f.extent AS extent, f.breach AS breach,
       f.criticism AS criticism, f.demand AS demand, f.deadline AS deadline, f.threat AS threat, f.role AS role, evidence
ORDER BY date DESC, edge, subject.id, object.id
