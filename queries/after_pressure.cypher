// What happened after pressure on a lab: each dated pressure event on it (a demand, a deadline, a letter, an order, a lawsuit...), newest first, with who pressed, what they demanded and by when, the outcome the sources report, and every later event of the lab within the window (what it dropped, replaced, signed or met; rulings and other pressure), each with its first quote and source. The window runs from the pressure's date for $days days.
// param target: string - the pressured lab: id, name or alias (case-insensitive)
// param by: string? - only pressure from this person or body: id, name or alias (case-insensitive)
// param days: integer? - how many days after the pressure to look (90 when absent)
// example target: anthropic
// returns: event, date, date_precision, by, demand, deadline, threat, action, outcome, followed, evidence
CALL () {
  MATCH (l {id: toLower($target)}) WHERE l:Lab
  RETURN l
  UNION
  // Not an id: look for a name or alias (a scan of the labs, skipped when the id matched).
  OPTIONAL MATCH (exact {id: toLower($target)}) WHERE exact:Lab
  WITH exact
  UNWIND CASE WHEN exact IS NULL AND $target IS NOT NULL THEN [1] ELSE [] END AS by_name
  MATCH (l:Lab)
  WHERE toLower(l.name) = toLower($target)
     OR any(alias IN coalesce(l.aliases, []) WHERE toLower(alias) = toLower($target))
  RETURN l
}
MATCH (who:Entity)-[p:PRESSURED]->(l)
WHERE p.date IS NOT NULL AND coalesce(p.rank, 'normal') <> 'deprecated' AND ($by IS NULL OR who.id = toLower($by) OR toLower(who.name) = toLower($by)
       OR any(alias IN coalesce(who.aliases, []) WHERE toLower(alias) = toLower($by)))
WITH l, who, p, p.source AS src_id
OPTIONAL MATCH (src {id: src_id}) WHERE src:Source
WITH l, who, p, src
ORDER BY CASE p.rank WHEN 'preferred' THEN 0 ELSE 1 END, CASE WHEN p.verified THEN 0 ELSE 1 END, p.source, p.id
WITH l, p.event AS event, collect(DISTINCT {id: who.id, name: who.name}) AS pressers, collect(p)[0] AS top,
     collect({statement: p.id, quote: p.quote, verified: p.verified, unverified_reason: p.unverified_reason, quote_start: p.quote_start, quote_end: p.quote_end,
              attributed_to: p.attributed_to, rank: p.rank, date: p.date, date_precision: p.date_precision, note: p.note, refers_to: p.refers_to, support: p.support,
              source: {id: src.id, name: src.name, url: src.url, publisher: src.publisher, published: src.published}}) AS evidence
WITH l, event, pressers, top, evidence, top.date + duration({days: coalesce($days, 90)}) AS until
// Everything the lab did or underwent in the window, and replacements of the commitments it made.
CALL (l, event, top, until) {
  CALL (l) {
    MATCH (l)-[r]->(x:Entity) RETURN l AS a, r, x AS b
    UNION
    MATCH (x:Entity)-[r]->(l) RETURN x AS a, r, l AS b
    UNION
    MATCH (l)-[:MADE]->(a:Commitment)-[r:SUPERSEDED_BY]->(b:Commitment) RETURN a, r, b
  }
  WITH a, r, b
  WHERE r.date IS NOT NULL AND r.event <> event AND coalesce(r.rank, 'normal') <> 'deprecated'
  WITH a, r, b, r.source AS src_id
  OPTIONAL MATCH (src {id: src_id}) WHERE src:Source
  WITH a, r, b, src
  ORDER BY CASE r.rank WHEN 'preferred' THEN 0 ELSE 1 END, CASE WHEN r.verified THEN 0 ELSE 1 END, r.source, r.id
  // One step per later event, at its preferred statement's date.
  WITH r.event AS later, collect({date: r.date, date_precision: r.date_precision, edge: type(r), from: {id: a.id, name: a.name}, to: {id: b.id, name: b.name},
                                  change: r.change, outcome: r.outcome, ruling: r.ruling, quote: r.quote,
                                  source: {id: src.id, name: src.name, url: src.url, publisher: src.publisher, published: src.published}})[0] AS step
  WITH later, step
  WHERE step.date >= top.date AND step.date <= until
  WITH later, step
  ORDER BY step.date, later
  RETURN collect(step) AS followed
}
RETURN event, top.date AS date, top.date_precision AS date_precision, pressers AS `by`, top.demand AS demand, top.deadline AS deadline,
       top.threat AS threat, top.action AS action, top.outcome AS outcome,
       followed,
       reduce(out = [], e IN evidence | CASE WHEN any(x IN out WHERE x.source.id = e.source.id AND x.quote = e.quote) THEN out ELSE out + [e] END) AS evidence
ORDER BY date DESC, event
