// What a lab dropped: each commitment with the date, what replaced it, how, how much it mattered, whether announced, and the evidence.
// param lab: string - lab id, name or alias (case-insensitive)
// param as_of: date? - answer as the graph stood that day: only drops and replacements dated on or before it
// example lab: anthropic
// returns: lab, commitment, change, date, date_precision, severity, disclosure, judged_by, basis, replaced_by, evidence
CALL () {
  MATCH (l {id: toLower($lab)}) WHERE l:Lab
  RETURN l
  UNION
  // Not an id: look for a name or alias (a scan of the labs, skipped when the id matched).
  OPTIONAL MATCH (exact {id: toLower($lab)}) WHERE exact:Lab
  WITH exact
  UNWIND CASE WHEN exact IS NULL THEN [1] ELSE [] END AS by_name
  MATCH (l:Lab)
  WHERE toLower(l.name) = toLower($lab)
     OR any(alias IN coalesce(l.aliases, []) WHERE toLower(alias) = toLower($lab))
  RETURN l
}
MATCH (l)-[d:DROPPED]->(c:Commitment)
WHERE coalesce(d.rank, 'normal') <> 'deprecated' AND ($as_of IS NULL OR d.date <= $as_of)
WITH *, d.source AS src_id
OPTIONAL MATCH (src {id: src_id}) WHERE src:Source
WITH l, c, d, src
ORDER BY CASE d.rank WHEN 'preferred' THEN 0 ELSE 1 END, coalesce(d.date, date('9999-12-31')), d.source, d.id
WITH l, c,
     collect({date: d.date, precision: d.date_precision}) AS dates,
     collect({severity: d.severity, disclosure: d.disclosure, judged_by: d.judged_by, basis: d.basis}) AS labels,
     collect({statement: d.id, quote: d.quote, verified: d.verified, unverified_reason: d.unverified_reason, quote_start: d.quote_start, quote_end: d.quote_end,
              attributed_to: d.attributed_to, rank: d.rank, date: d.date, date_precision: d.date_precision, note: d.note, refers_to: d.refers_to, support: d.support,
              source: {id: src.id, name: src.name, url: src.url, publisher: src.publisher, published: src.published}}) AS evidence
WITH l, c, evidence, [x IN dates WHERE x.date IS NOT NULL][0] AS first,
     [x IN labels WHERE x.severity IS NOT NULL][0] AS sev, [x IN labels WHERE x.disclosure IS NOT NULL][0] AS dis
OPTIONAL MATCH (c)-[s:SUPERSEDED_BY]->(r:Commitment)
WHERE coalesce(s.rank, 'normal') <> 'deprecated' AND ($as_of IS NULL OR s.date <= $as_of)
WITH *, s.source AS ssrc_id
OPTIONAL MATCH (ssrc {id: ssrc_id}) WHERE ssrc:Source
WITH l, c, evidence, first, sev, dis, r, s, ssrc
ORDER BY r.id, CASE s.rank WHEN 'preferred' THEN 0 ELSE 1 END, s.source, s.id
WITH l, c, evidence, first, sev, dis, r,
     collect({change: s.change, date: s.date, severity: s.severity, disclosure: s.disclosure, judged_by: s.judged_by, basis: s.basis}) AS steps,
     collect({statement: s.id, quote: s.quote, verified: s.verified, unverified_reason: s.unverified_reason, quote_start: s.quote_start, quote_end: s.quote_end,
              attributed_to: s.attributed_to, rank: s.rank, date: s.date, date_precision: s.date_precision, note: s.note, refers_to: s.refers_to, support: s.support,
              source: {id: ssrc.id, name: ssrc.name, url: ssrc.url, publisher: ssrc.publisher, published: ssrc.published}}) AS replacement_evidence
WITH l, c, evidence, first, sev, dis, r, steps[0] AS step, replacement_evidence
ORDER BY r.id
WITH l, c, evidence, first, sev, dis,
     collect(CASE WHEN r IS NULL THEN null ELSE {id: r.id, name: r.name, text: r.text, change: step.change, date: step.date,
                  severity: step.severity, disclosure: step.disclosure,
                  judged_by: step.judged_by, basis: step.basis, evidence: replacement_evidence} END) AS replaced_by
RETURN l.id AS lab, c {.id, .name, .text, .category} AS commitment,
       CASE WHEN size(replaced_by) = 0 THEN null ELSE replaced_by[0].change END AS change,
       first.date AS date, first.precision AS date_precision,
       coalesce(sev.severity, replaced_by[0].severity) AS severity,
       coalesce(dis.disclosure, replaced_by[0].disclosure) AS disclosure,
       CASE WHEN sev IS NOT NULL THEN sev.judged_by WHEN dis IS NOT NULL THEN dis.judged_by ELSE replaced_by[0].judged_by END AS judged_by,
       CASE WHEN sev IS NOT NULL THEN sev.basis WHEN dis IS NOT NULL THEN dis.basis ELSE replaced_by[0].basis END AS basis,
       replaced_by, evidence
ORDER BY date DESC, commitment.id
