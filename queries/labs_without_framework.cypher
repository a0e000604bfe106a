// Labs that had published no safety framework (no dated policy or policy version) by a given day, with the commitments and agreements each had signed by then. status: missing, or unknown when a framework is known only to have been published by a later date (its date is an upper bound), so the day cannot tell.
// param as_of: date? - the day to look at (default: today, as far as the graph knows)
// example as_of: 2025-02-10
// returns: lab, status, signed
MATCH (l:Lab)
WHERE NOT EXISTS {
  MATCH (l)-[p:PUBLISHED]->(fw)
  WHERE (fw:Policy OR fw:PolicyVersion) AND coalesce(p.rank, 'normal') <> 'deprecated'
    AND ($as_of IS NULL OR coalesce(p.date, fw.published) <= $as_of)
}
WITH l, EXISTS {
  MATCH (l)-[p:PUBLISHED]->(fw)
  WHERE (fw:Policy OR fw:PolicyVersion) AND coalesce(p.rank, 'normal') <> 'deprecated' AND p.date_precision = 'by'
} AS bounded
OPTIONAL MATCH (l)-[s:SIGNED|MADE]->(c)
WHERE coalesce(s.rank, 'normal') <> 'deprecated' AND ($as_of IS NULL OR s.date <= $as_of)
  AND (type(s) = 'SIGNED' OR EXISTS { (c)-[:PART_OF]->(:Policy) })
WITH l, bounded, c, min(s.date) AS since
ORDER BY since, c.id
WITH l, bounded, collect(CASE WHEN c IS NULL THEN null ELSE {id: c.id, name: c.name, date: since} END) AS signed
RETURN {id: l.id, name: l.name} AS lab, CASE WHEN bounded THEN 'unknown' ELSE 'missing' END AS status, signed
ORDER BY lab.name
