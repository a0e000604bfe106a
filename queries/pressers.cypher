// Who pressed a lab or organisation, over time: each person or body with the dates of its first and latest action and every action (one per event) in order, with its form, demand, outcome and every source's evidence.
// param target: string - the pressed organisation's id, name or alias (case-insensitive)
// param as_of: date? - answer as the graph stood that day: only pressure dated on or before it
// example target: xai
// returns: by, kind, first, latest, actions
CALL () {
  MATCH (target {id: toLower($target)}) WHERE target:Organisation
  RETURN target
  UNION
  // Not an id: look for a name or alias (a scan, skipped when the id matched).
  OPTIONAL MATCH (exact {id: toLower($target)}) WHERE exact:Organisation
  WITH exact
  UNWIND CASE WHEN exact IS NULL THEN [1] ELSE [] END AS by_name
  MATCH (target:Organisation)
  WHERE toLower(target.name) = toLower($target)
     OR any(alias IN coalesce(target.aliases, []) WHERE toLower(alias) = toLower($target))
  RETURN target
}
MATCH (who:Entity)-[p:PRESSURED]->(target)
WHERE $as_of IS NULL OR p.date <= $as_of
WITH *, p.source AS src_id
OPTIONAL MATCH (src {id: src_id}) WHERE src:Source
WITH who, p, src
ORDER BY CASE p.rank WHEN 'preferred' THEN 0 WHEN 'deprecated' THEN 2 ELSE 1 END, CASE WHEN p.verified THEN 0 ELSE 1 END,
         CASE coalesce(p.date_precision, 'day') WHEN 'day' THEN 0 WHEN 'month' THEN 1 ELSE 2 END, p.source, p.id
// One action per event: the preferred statement's values, every source's evidence.
WITH who, p.event AS event,
     collect({date: p.date, date_precision: p.date_precision, action: p.action, demand: p.demand, deadline: p.deadline, threat: p.threat,
              outcome: p.outcome, rank: p.rank}) AS claims,
     collect(CASE WHEN p.rank = 'deprecated' THEN null ELSE
             {statement: p.id, quote: p.quote, verified: p.verified, unverified_reason: p.unverified_reason, quote_start: p.quote_start, quote_end: p.quote_end,
              attributed_to: p.attributed_to, rank: p.rank, date: p.date, date_precision: p.date_precision, note: p.note, refers_to: p.refers_to, support: p.support,
              source: {id: src.id, name: src.name, url: src.url, publisher: src.publisher, published: src.published}} END) AS evidence
WITH who, event, claims[0] AS top, evidence
WHERE coalesce(top.rank, 'normal') <> 'deprecated'
WITH who, event, top, evidence
ORDER BY coalesce(top.date, date('9999-12-31')), event
WITH who,
     collect(top.date) AS dates,
     collect({event: event, date: top.date, date_precision: top.date_precision, action: top.action, demand: top.demand, deadline: top.deadline,
              threat: top.threat, outcome: top.outcome, evidence: evidence}) AS actions
WITH who, actions, [d IN dates WHERE d IS NOT NULL] AS dated
RETURN {id: who.id, name: who.name} AS `by`,
       CASE WHEN who:Person THEN 'Person' WHEN who:GovernmentBody THEN 'GovernmentBody' WHEN who:Lab THEN 'Lab' ELSE 'Organisation' END AS kind,
       CASE WHEN size(dated) = 0 THEN null ELSE dated[0] END AS first,
       CASE WHEN size(dated) = 0 THEN null ELSE dated[size(dated) - 1] END AS latest,
       actions
ORDER BY first, `by`.id
