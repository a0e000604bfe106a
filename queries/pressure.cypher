// Who pressured whom: each action (a demand, letter, investigation, lawsuit, ban...) with its deadline, threat, outcome, date and evidence. Both filters are optional.
// param target: string? - the pressured organisation's id, name or alias (case-insensitive)
// param by: string? - who applied the pressure: id, name or alias (case-insensitive)
// param as_of: date? - answer as the graph stood that day: only pressure dated on or before it
// example target: anthropic
// returns: by, target, action, demand, deadline, threat, outcome, date, date_precision, evidence
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
WHERE coalesce(p.rank, 'normal') <> 'deprecated' AND ($as_of IS NULL OR p.date <= $as_of)
  AND ($by IS NULL OR who.id = toLower($by) OR toLower(who.name) = toLower($by)
       OR any(alias IN coalesce(who.aliases, []) WHERE toLower(alias) = toLower($by)))
WITH *, p.source AS src_id
OPTIONAL MATCH (src {id: src_id}) WHERE src:Source
WITH who, target, p, src ORDER BY p.source, p.id
WITH who, target, p.action AS action, p.demand AS demand, p.deadline AS deadline, p.threat AS threat, p.outcome AS outcome, p.date AS date, p.date_precision AS date_precision,
     collect({statement: p.id, quote: p.quote, verified: p.verified, unverified_reason: p.unverified_reason, quote_start: p.quote_start, quote_end: p.quote_end,
              attributed_to: p.attributed_to, rank: p.rank, date: p.date, date_precision: p.date_precision, note: p.note,
              source: {id: src.id, name: src.name, url: src.url, publisher: src.publisher, published: src.published}}) AS evidence
RETURN who {.id, .name} AS by, target {.id, .name} AS target, action, demand, deadline, threat, outcome, date, date_precision, evidence
ORDER BY date DESC, `by`.id, target.id, demand
