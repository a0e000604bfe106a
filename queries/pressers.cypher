// Who pressed a lab or organisation, over time: each person or body with the dates of its first and latest action and every action in order, with its form, demand, outcome and evidence.
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
WHERE coalesce(p.rank, 'normal') <> 'deprecated' AND ($as_of IS NULL OR p.date <= $as_of)
WITH *, p.source AS src_id
OPTIONAL MATCH (src {id: src_id}) WHERE src:Source
WITH who, p, src
ORDER BY coalesce(p.date, date('9999-12-31')), p.source, p.id
WITH who,
     collect(p.date) AS dates,
     collect({date: p.date, date_precision: p.date_precision, action: p.action, demand: p.demand, deadline: p.deadline, threat: p.threat, outcome: p.outcome,
              statement: p.id, quote: p.quote, verified: p.verified, attributed_to: p.attributed_to, rank: p.rank, note: p.note,
              source: {id: src.id, name: src.name, url: src.url, publisher: src.publisher, published: src.published}}) AS actions
WITH who, actions, [d IN dates WHERE d IS NOT NULL] AS dated
RETURN {id: who.id, name: who.name} AS by,
       CASE WHEN who:Person THEN 'Person' WHEN who:GovernmentBody THEN 'GovernmentBody' WHEN who:Lab THEN 'Lab' ELSE 'Organisation' END AS kind,
       CASE WHEN size(dated) = 0 THEN null ELSE dated[0] END AS first,
       CASE WHEN size(dated) = 0 THEN null ELSE dated[size(dated) - 1] END AS latest,
       actions
ORDER BY first, `by`.id
