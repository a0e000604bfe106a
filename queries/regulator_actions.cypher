// What governments, regulators, legislators and courts did to one lab: investigations, orders, bans, laws, hearings, letters, criticism, rulings, ratings and authorisations of its models, one row per event, newest first, each with every source's evidence. An act is official when it comes from a government body, from a person holding a role in one, or takes a form only officials take (investigation, order, ban, legislation, hearing). Optionally within dates.
// param lab: string - lab id, name or alias (case-insensitive)
// param from: date? - earliest date (inclusive)
// param to: date? - latest date (inclusive)
// example lab: anthropic
// example from: 2026-01-01
// returns: event, date, date_precision, edge, subjects, objects, action, demand, deadline, threat, outcome, effective, ruling, case_name, in_favour, criticism, score, scope, evidence
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
  MATCH (who:Entity)-[r]->(l)
  RETURN who, r, l AS what
  UNION
  MATCH (l)-[:DEVELOPS]->(model:AIModel)<-[r:AUTHORIZED]-(who:Entity)
  RETURN who, r, model AS what
}
WITH who, r, what
WHERE type(r) IN ['PRESSURED', 'CRITICIZED', 'RULED', 'RATED', 'AUTHORIZED']
  AND coalesce(r.rank, 'normal') <> 'deprecated'
  AND ($from IS NULL OR r.date >= $from) AND ($to IS NULL OR r.date <= $to)
  AND (who:GovernmentBody OR r.action IN ['investigation', 'order', 'ban', 'legislation', 'hearing']
       OR EXISTS { MATCH (who)-[:HOLDS_ROLE]->(:GovernmentBody) })
WITH *, r.source AS src_id
OPTIONAL MATCH (src {id: src_id}) WHERE src:Source
WITH who, r, what, src
ORDER BY CASE r.rank WHEN 'preferred' THEN 0 ELSE 1 END, CASE WHEN r.verified THEN 0 ELSE 1 END,
         CASE coalesce(r.date_precision, 'day') WHEN 'day' THEN 0 WHEN 'month' THEN 1 ELSE 2 END, r.source, r.id
WITH r.event AS event, type(r) AS edge, collect(DISTINCT {id: who.id, name: who.name}) AS subjects, collect(DISTINCT {id: what.id, name: what.name}) AS objects,
     collect(r)[0] AS top,
     collect({statement: r.id, quote: r.quote, verified: r.verified, unverified_reason: r.unverified_reason, quote_start: r.quote_start, quote_end: r.quote_end,
              attributed_to: r.attributed_to, rank: r.rank, date: r.date, date_precision: r.date_precision, note: r.note, refers_to: r.refers_to, support: r.support,
              source: {id: src.id, name: src.name, url: src.url, publisher: src.publisher, published: src.published}}) AS evidence
RETURN event, top.date AS date, top.date_precision AS date_precision, edge, subjects, objects,
       top.action AS action, top.demand AS demand, top.deadline AS deadline, top.threat AS threat, top.outcome AS outcome, top.effective AS effective,
       top.ruling AS ruling, top.case_name AS case_name, top.in_favour AS in_favour, top.criticism AS criticism, top.score AS score, top.scope AS scope,
       reduce(out = [], e IN evidence | CASE WHEN any(x IN out WHERE x.source.id = e.source.id AND x.quote = e.quote) THEN out ELSE out + [e] END) AS evidence
ORDER BY date DESC, edge, event
