// Which labs changed their safety frameworks and pledges in a date range: new policies and policy versions they published, commitments they dropped, and replacements of commitments they made (weakened, strengthened or replaced), one row per event, newest first, with every source's evidence. All labs, or one.
// param from: date? - earliest date (inclusive)
// param to: date? - latest date (inclusive)
// param lab: string? - only this lab: id, name or alias (case-insensitive)
// example from: 2026-01-01
// returns: event, date, date_precision, lab, edge, what, replaced_by, change, severity, disclosure, extent, judged_by, basis, evidence
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
  UNION
  // No lab: every lab.
  UNWIND CASE WHEN $lab IS NULL THEN [1] ELSE [] END AS everyone
  MATCH (l:Lab)
  RETURN l
}
CALL (l) {
  MATCH (l)-[r:PUBLISHED|DROPPED]->(x:Entity)
  RETURN r, x AS what, null AS replaced_by
  UNION
  MATCH (l)-[:MADE]->(x:Commitment)-[r:SUPERSEDED_BY]->(y:Commitment)
  RETURN r, x AS what, y AS replaced_by
}
WITH l, r, what, replaced_by
WHERE r.date IS NOT NULL AND coalesce(r.rank, 'normal') <> 'deprecated'
  AND ($from IS NULL OR r.date >= $from) AND ($to IS NULL OR r.date <= $to)
WITH *, r.source AS src_id
OPTIONAL MATCH (src {id: src_id}) WHERE src:Source
WITH l, r, what, replaced_by, src
ORDER BY CASE r.rank WHEN 'preferred' THEN 0 ELSE 1 END, CASE WHEN r.verified THEN 0 ELSE 1 END,
         CASE coalesce(r.date_precision, 'day') WHEN 'day' THEN 0 WHEN 'month' THEN 1 ELSE 2 END, r.source, r.id
WITH r.event AS event, type(r) AS edge, {id: l.id, name: l.name} AS lab, {id: what.id, name: what.name} AS what,
     CASE WHEN replaced_by IS NULL THEN null ELSE {id: replaced_by.id, name: replaced_by.name} END AS replaced_by,
     collect(r)[0] AS top,
     collect({statement: r.id, quote: r.quote, verified: r.verified, unverified_reason: r.unverified_reason, quote_start: r.quote_start, quote_end: r.quote_end,
              attributed_to: r.attributed_to, rank: r.rank, date: r.date, date_precision: r.date_precision, note: r.note, refers_to: r.refers_to, support: r.support,
              source: {id: src.id, name: src.name, url: src.url, publisher: src.publisher, published: src.published}}) AS evidence
RETURN event, top.date AS date, top.date_precision AS date_precision, lab, edge, what, replaced_by,
       top.change AS change, top.severity AS severity, top.disclosure AS disclosure, top.extent AS extent, top.judged_by AS judged_by, top.basis AS basis,
       reduce(out = [], e IN evidence | CASE WHEN any(x IN out WHERE x.source.id = e.source.id AND x.quote = e.quote) THEN out ELSE out + [e] END) AS evidence
ORDER BY date DESC, lab.id, edge, event
