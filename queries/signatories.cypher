// Who signed a commitment or agreement (itself, or a commitment that is part of it), when and in full or in part, who declined it, and what each has delivered: parts of it met, and the first framework (policy) it published.
// param commitment: string - id, name or alias of the commitment or agreement (case-insensitive)
// param as_of: date? - answer as the graph stood that day: only signings, refusals, deliveries and frameworks dated on or before it
// example commitment: seoul-frontier-ai-safety-commitments
// returns: organisation, signed, signed_precision, extent, declined, delivered, framework, evidence
CALL () {
  MATCH (c {id: toLower($commitment)}) WHERE c:Commitment OR c:Policy
  RETURN c
  UNION
  // Not an id: look for a name or alias (a scan, skipped when the id matched).
  OPTIONAL MATCH (exact {id: toLower($commitment)}) WHERE exact:Commitment OR exact:Policy
  WITH exact
  UNWIND CASE WHEN exact IS NULL THEN [1] ELSE [] END AS by_name
  MATCH (c:Entity)
  WHERE (c:Commitment OR c:Policy)
    AND (toLower(c.name) = toLower($commitment)
         OR any(alias IN coalesce(c.aliases, []) WHERE toLower(alias) = toLower($commitment)))
  RETURN c
}
OPTIONAL MATCH (part:Commitment)-[:PART_OF*1..2]->(c)
WITH c, collect(DISTINCT part) + [c] AS targets
UNWIND targets AS t
MATCH (o:Organisation)-[s:SIGNED|MADE|DECLINED]->(t)
WHERE coalesce(s.rank, 'normal') <> 'deprecated' AND ($as_of IS NULL OR s.date <= $as_of)
WITH *, s.source AS src_id
OPTIONAL MATCH (src {id: src_id}) WHERE src:Source
WITH targets, o, s, src
ORDER BY CASE s.rank WHEN 'preferred' THEN 0 ELSE 1 END, coalesce(s.date, date('9999-12-31')), s.source, s.id
WITH targets, o,
     collect(CASE WHEN type(s) = 'DECLINED' THEN null ELSE {date: s.date, precision: s.date_precision, extent: s.extent} END) AS signings,
     collect(CASE WHEN type(s) = 'DECLINED' THEN s.date ELSE null END) AS refusals,
     collect({statement: s.id, edge: type(s), quote: s.quote, verified: s.verified, unverified_reason: s.unverified_reason, quote_start: s.quote_start, quote_end: s.quote_end,
              attributed_to: s.attributed_to, rank: s.rank, date: s.date, date_precision: s.date_precision, note: s.note, refers_to: s.refers_to, support: s.support,
              source: {id: src.id, name: src.name, url: src.url, publisher: src.publisher, published: src.published}}) AS evidence
OPTIONAL MATCH (o)-[d:FULFILLED]->(met:Commitment)
WHERE met IN targets AND coalesce(d.rank, 'normal') <> 'deprecated' AND ($as_of IS NULL OR d.date <= $as_of)
WITH targets, o, signings, refusals, evidence, met, d
ORDER BY coalesce(d.date, date('9999-12-31')), met.id
WITH targets, o, signings, refusals, evidence,
     collect(CASE WHEN met IS NULL THEN null ELSE {commitment: met.id, name: met.name, extent: d.extent, date: d.date, date_precision: d.date_precision} END) AS delivered
OPTIONAL MATCH (o)-[p:PUBLISHED]->(fw)
WHERE (fw:Policy OR fw:PolicyVersion) AND coalesce(p.rank, 'normal') <> 'deprecated'
  AND ($as_of IS NULL OR coalesce(p.date, fw.published) <= $as_of)
WITH o, signings, refusals, evidence, delivered, fw, p
ORDER BY coalesce(p.date, fw.published, date('9999-12-31')), fw.id
WITH o, signings, refusals, evidence, delivered,
     collect(CASE WHEN fw IS NULL THEN null ELSE {id: fw.id, name: fw.name, date: coalesce(p.date, fw.published), date_precision: p.date_precision} END) AS frameworks
WITH o, evidence, delivered, frameworks, [x IN signings WHERE x IS NOT NULL] AS signed, [x IN refusals WHERE x IS NOT NULL] AS declined_on
RETURN {id: o.id, name: o.name} AS organisation,
       CASE WHEN size(signed) = 0 THEN null ELSE signed[0].date END AS signed,
       CASE WHEN size(signed) = 0 THEN null ELSE signed[0].precision END AS signed_precision,
       CASE WHEN size(signed) = 0 THEN null
            WHEN any(x IN signed WHERE x.extent = 'partial') THEN 'partial' ELSE 'full' END AS extent,
       size(declined_on) > 0 AND size(signed) = 0 AS declined,
       delivered,
       CASE WHEN size(frameworks) = 0 THEN null ELSE frameworks[0] END AS framework,
       evidence
ORDER BY declined, organisation.name
