// Who pressured whom: one row per event (a demand, letter, investigation, lawsuit, ban...), with everyone who pressed and everyone pressed in it, the preferred values (form, demand, deadline, threat, outcome, date), the values other sources give, ranked, and every source's evidence. Both filters are optional.
// param target: string? - the pressured organisation's id, name or alias (case-insensitive)
// param by: string? - who applied the pressure: id, name or alias (case-insensitive)
// param as_of: date? - answer as the graph stood that day: only statements dated on or before it
// example target: anthropic
// returns: event, by, targets, action, demand, deadline, threat, outcome, date, date_precision, alternatives, evidence
CALL () {
  MATCH (target {id: toLower($target)}) WHERE target:Organisation
  RETURN target
  UNION
  // Not an id: look for a name or alias (a scan, skipped when the id matched).
  OPTIONAL MATCH (exact {id: toLower($target)}) WHERE exact:Organisation
  WITH exact
  UNWIND CASE WHEN exact IS NULL AND $target IS NOT NULL THEN [1] ELSE [] END AS by_name
  MATCH (target:Organisation)
  WHERE toLower(target.name) = toLower($target)
     OR any(alias IN coalesce(target.aliases, []) WHERE toLower(alias) = toLower($target))
  RETURN target
  UNION
  // No target: everyone pressed.
  UNWIND CASE WHEN $target IS NULL THEN [1] ELSE [] END AS everyone
  MATCH (target:Organisation)
  RETURN target
}
MATCH (who:Entity)-[p:PRESSURED]->(target)
WHERE ($as_of IS NULL OR p.date <= $as_of)
  AND ($by IS NULL OR who.id = toLower($by) OR toLower(who.name) = toLower($by)
       OR any(alias IN coalesce(who.aliases, []) WHERE toLower(alias) = toLower($by)))
WITH collect(DISTINCT p.event) AS events, collect(DISTINCT who) + collect(DISTINCT target) AS parties
// Every statement of those events, reached from the ends already found: the other signers of a
// letter (beside the same target), the other firms it went to (from the same sender).
UNWIND parties AS n
CALL (n, events) {
  MATCH (n)-[p:PRESSURED]->(pressed:Entity) WHERE p.event IN events
  RETURN n AS who, p, pressed
  UNION
  MATCH (who:Entity)-[p:PRESSURED]->(n) WHERE p.event IN events
  RETURN who, p, n AS pressed
}
WITH DISTINCT who, p, pressed
WHERE $as_of IS NULL OR p.date <= $as_of
WITH *, p.source AS src_id
OPTIONAL MATCH (src {id: src_id}) WHERE src:Source
WITH who, pressed, p, src
ORDER BY CASE p.rank WHEN 'preferred' THEN 0 WHEN 'deprecated' THEN 2 ELSE 1 END, CASE WHEN p.verified THEN 0 ELSE 1 END,
         CASE coalesce(p.date_precision, 'day') WHEN 'day' THEN 0 WHEN 'month' THEN 1 ELSE 2 END, p.source, p.id
WITH p.event AS event, collect(DISTINCT {id: who.id, name: who.name}) AS pressers, collect(DISTINCT {id: pressed.id, name: pressed.name}) AS pressed,
     collect({action: p.action, demand: p.demand, deadline: p.deadline, threat: p.threat, outcome: p.outcome, date: p.date, date_precision: p.date_precision,
              rank: p.rank, source: p.source,
              key: coalesce(p.action, '') + '|' + coalesce(p.demand, '') + '|' + coalesce(toString(p.deadline), '') + '|' + coalesce(p.threat, '') + '|'
                   + coalesce(p.outcome, '') + '|' + coalesce(toString(p.date), '') + '|' + coalesce(p.date_precision, 'day')}) AS claims,
     collect(CASE WHEN p.rank = 'deprecated' THEN null ELSE
             {statement: p.id, quote: p.quote, verified: p.verified, unverified_reason: p.unverified_reason, quote_start: p.quote_start, quote_end: p.quote_end,
              attributed_to: p.attributed_to, rank: p.rank, date: p.date, date_precision: p.date_precision, note: p.note, refers_to: p.refers_to, support: p.support,
              source: {id: src.id, name: src.name, url: src.url, publisher: src.publisher, published: src.published}} END) AS evidence
WITH event, pressers, pressed, claims[0] AS top, claims, evidence
WHERE coalesce(top.rank, 'normal') <> 'deprecated'
WITH event, pressers, pressed, top, evidence,
     reduce(seen = [], c IN claims | CASE WHEN c.key = top.key OR any(s IN seen WHERE s.key = c.key) THEN seen ELSE seen + [c] END) AS others, claims
RETURN event, pressers AS `by`, pressed AS targets, top.action AS action, top.demand AS demand, top.deadline AS deadline, top.threat AS threat,
       top.outcome AS outcome, top.date AS date, top.date_precision AS date_precision,
       [o IN others | {action: o.action, demand: o.demand, deadline: o.deadline, threat: o.threat, outcome: o.outcome, date: o.date,
                       date_precision: o.date_precision, rank: o.rank,
                       sources: reduce(ids = [], c IN claims | CASE WHEN c.key = o.key AND NOT c.source IN ids THEN ids + [c.source] ELSE ids END)}] AS alternatives,
       // One quote once: a letter to eight firms is quoted once, not once per firm.
       reduce(out = [], e IN evidence | CASE WHEN any(x IN out WHERE x.source.id = e.source.id AND x.quote = e.quote) THEN out ELSE out + [e] END) AS evidence
ORDER BY date DESC, `by`[0].id, targets[0].id, event
