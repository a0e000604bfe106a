// Who pressured whom: each demand with its deadline, threat, date and evidence. Both filters are optional.
// param target: string? - the pressured organisation's id, name or alias (case-insensitive)
// param by: string? - who applied the pressure: id, name or alias (case-insensitive)
// param as_of: date? - answer as the graph stood that day: only pressure dated on or before it
// example target: anthropic
// returns: by, target, demand, deadline, threat, date, date_precision, evidence
MATCH (who:Entity)-[p:PRESSURED]->(target:Organisation)
WHERE coalesce(p.rank, 'normal') <> 'deprecated' AND ($as_of IS NULL OR p.date <= $as_of)
  AND ($target IS NULL OR target.id = toLower($target) OR toLower(target.name) = toLower($target)
       OR any(alias IN coalesce(target.aliases, []) WHERE toLower(alias) = toLower($target)))
  AND ($by IS NULL OR who.id = toLower($by) OR toLower(who.name) = toLower($by)
       OR any(alias IN coalesce(who.aliases, []) WHERE toLower(alias) = toLower($by)))
OPTIONAL MATCH (src:Source) WHERE src.id = p.source
WITH who, target, p, src ORDER BY p.source, p.id
WITH who, target, p.demand AS demand, p.deadline AS deadline, p.threat AS threat, p.date AS date, p.date_precision AS date_precision,
     collect({statement: p.id, quote: p.quote, verified: p.verified, unverified_reason: p.unverified_reason, quote_start: p.quote_start, quote_end: p.quote_end,
              attributed_to: p.attributed_to, rank: p.rank, date: p.date, date_precision: p.date_precision, note: p.note,
              source: {id: src.id, name: src.name, url: src.url, publisher: src.publisher, published: src.published}}) AS evidence
RETURN who {.id, .name} AS by, target {.id, .name} AS target, demand, deadline, threat, date, date_precision, evidence
ORDER BY date DESC, `by`.id, target.id, demand
