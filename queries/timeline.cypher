// Dated events, newest first: one row per event (however many sources report it), with everyone on each side, the preferred values, the values other sources give (ranked) and every source's evidence; for one lab (events it is part of, and replacements of its commitments) or for all.
// param lab: string? - lab id, name or alias (case-insensitive); all labs when absent
// param from: date? - earliest date (inclusive)
// param to: date? - latest date (inclusive)
// example lab: anthropic
// returns: event, date, date_precision, edge, subjects, objects, change, severity, disclosure, extent, breach, criticism, demand, deadline, threat, action, outcome, ruling, score, role, judged_by, basis, alternatives, evidence
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
WHERE r.date IS NOT NULL AND ($from IS NULL OR r.date >= $from) AND ($to IS NULL OR r.date <= $to)
WITH collect(DISTINCT r.event) AS events, collect(DISTINCT a) + collect(DISTINCT b) AS parties
// Every statement of those events, reached from the ends already found (a letter to several labs
// has one statement per lab, all from its sender).
UNWIND parties AS n
CALL (n, events) {
  MATCH (n)-[r]->(b:Entity) WHERE r.event IN events
  RETURN n AS a, r, b
  UNION
  MATCH (a:Entity)-[r]->(n) WHERE r.event IN events
  RETURN a, r, n AS b
}
WITH DISTINCT a, r, b
WHERE r.date IS NOT NULL AND ($from IS NULL OR r.date >= $from) AND ($to IS NULL OR r.date <= $to)
WITH *, r.source AS src_id
OPTIONAL MATCH (src {id: src_id}) WHERE src:Source
WITH a, b, r, src
ORDER BY CASE r.rank WHEN 'preferred' THEN 0 WHEN 'deprecated' THEN 2 ELSE 1 END, CASE WHEN r.verified THEN 0 ELSE 1 END,
         CASE coalesce(r.date_precision, 'day') WHEN 'day' THEN 0 WHEN 'month' THEN 1 ELSE 2 END, r.source, r.id
WITH r.event AS event, type(r) AS edge, collect(DISTINCT {id: a.id, name: a.name}) AS subjects, collect(DISTINCT {id: b.id, name: b.name}) AS objects,
     collect({date: r.date, date_precision: r.date_precision, change: r.change, severity: r.severity, disclosure: r.disclosure, extent: r.extent, breach: r.breach,
              criticism: r.criticism, demand: r.demand, deadline: r.deadline, threat: r.threat, action: r.action, outcome: r.outcome, ruling: r.ruling,
              score: r.score, role: r.role, judged_by: r.judged_by, basis: r.basis,
              rank: r.rank, source: r.source,
              key: toString(r.date) + '|' + coalesce(r.date_precision, 'day') + '|' + coalesce(r.change, '') + '|' + coalesce(r.severity, '') + '|'
                   + coalesce(r.disclosure, '') + '|' + coalesce(r.extent, '') + '|' + coalesce(r.breach, '') + '|' + coalesce(r.criticism, '') + '|'
                   + coalesce(r.demand, '') + '|' + coalesce(toString(r.deadline), '') + '|' + coalesce(r.threat, '') + '|' + coalesce(r.role, '') + '|'
                   + coalesce(r.action, '') + '|' + coalesce(r.outcome, '') + '|' + coalesce(r.ruling, '') + '|' + coalesce(r.score, '')}) AS claims,
     collect(CASE WHEN r.rank = 'deprecated' THEN null ELSE
             {statement: r.id, quote: r.quote, verified: r.verified, unverified_reason: r.unverified_reason, quote_start: r.quote_start, quote_end: r.quote_end,
              attributed_to: r.attributed_to, rank: r.rank, date: r.date, date_precision: r.date_precision, note: r.note, refers_to: r.refers_to, support: r.support,
              source: {id: src.id, name: src.name, url: src.url, publisher: src.publisher, published: src.published}} END) AS evidence
WITH event, edge, subjects, objects, claims[0] AS f, claims, evidence
WHERE coalesce(f.rank, 'normal') <> 'deprecated'
WITH event, edge, subjects, objects, f, claims, evidence,
     reduce(seen = [], c IN claims | CASE WHEN c.key = f.key OR any(s IN seen WHERE s.key = c.key) THEN seen ELSE seen + [c] END) AS others
RETURN event, f.date AS date, f.date_precision AS date_precision, edge, subjects, objects,
       f.change AS change, f.severity AS severity, f.disclosure AS disclosure, f.extent AS extent, f.breach AS breach,
       f.criticism AS criticism, f.demand AS demand, f.deadline AS deadline, f.threat AS threat,
       f.action AS action, f.outcome AS outcome, f.ruling AS ruling, f.score AS score, f.role AS role,
       f.judged_by AS judged_by, f.basis AS basis,
       [o IN others | {date: o.date, date_precision: o.date_precision, change: o.change, severity: o.severity, disclosure: o.disclosure, extent: o.extent,
                       breach: o.breach, criticism: o.criticism, demand: o.demand, deadline: o.deadline, threat: o.threat, action: o.action,
                       outcome: o.outcome, ruling: o.ruling, role: o.role, rank: o.rank,
                       sources: reduce(ids = [], c IN claims | CASE WHEN c.key = o.key AND NOT c.source IN ids THEN ids + [c.source] ELSE ids END)}] AS alternatives,
       reduce(out = [], e IN evidence | CASE WHEN any(x IN out WHERE x.source.id = e.source.id AND x.quote = e.quote) THEN out ELSE out + [e] END) AS evidence
ORDER BY date DESC, edge, subjects[0].id, objects[0].id, event
