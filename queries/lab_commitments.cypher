// A lab's commitments: when made, whether binding, whether still standing, its deadline and the evidence. With as_of, only the commitments in force that day.
// param lab: string - lab id, name or alias (case-insensitive)
// param as_of: date? - answer as the graph stood that day: only facts dated on or before it count (undated facts are left out), and only commitments still in force are listed
// example lab: anthropic
// returns: lab, commitment, made, made_precision, binding, status, dropped, superseded_by, deadline, evidence
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
// A commitment the lab dropped was one it had made, even where no source at hand says when.
MATCH (l)-[m:MADE|DROPPED]->(c:Commitment)
WHERE coalesce(m.rank, 'normal') <> 'deprecated' AND ($as_of IS NULL OR m.date <= $as_of)
WITH *, m.source AS src_id
OPTIONAL MATCH (src {id: src_id}) WHERE src:Source
WITH l, c, m, src
ORDER BY CASE m.rank WHEN 'preferred' THEN 0 ELSE 1 END, coalesce(m.date, date('9999-12-31')), m.source, m.id
WITH l, c, collect(DISTINCT m.binding) AS bindings,
     collect(CASE WHEN type(m) = 'MADE' THEN {date: m.date, precision: m.date_precision} END) AS dates,
     collect(CASE WHEN type(m) = 'MADE' THEN {statement: m.id, quote: m.quote, verified: m.verified, unverified_reason: m.unverified_reason, quote_start: m.quote_start, quote_end: m.quote_end,
              attributed_to: m.attributed_to, rank: m.rank, date: m.date, date_precision: m.date_precision, note: m.note, refers_to: m.refers_to, support: m.support,
              source: {id: src.id, name: src.name, url: src.url, publisher: src.publisher, published: src.published}} END) AS evidence
WITH l, c, bindings, evidence, [x IN dates WHERE x.date IS NOT NULL][0] AS first
OPTIONAL MATCH (l)-[d:DROPPED]->(c)
WHERE coalesce(d.rank, 'normal') <> 'deprecated' AND ($as_of IS NULL OR d.date <= $as_of)
WITH l, c, bindings, evidence, first, d
ORDER BY CASE d.rank WHEN 'preferred' THEN 0 ELSE 1 END, coalesce(d.date, date('9999-12-31'))
WITH l, c, bindings, evidence, first, count(d) AS drops, collect(d.date)[0] AS dropped
OPTIONAL MATCH (c)-[s:SUPERSEDED_BY]->(r:Commitment)
WHERE coalesce(s.rank, 'normal') <> 'deprecated' AND ($as_of IS NULL OR s.date <= $as_of)
WITH l, c, bindings, evidence, first, drops, dropped, r
ORDER BY r.id
WITH l, c, bindings, evidence, first, drops, dropped, collect(DISTINCT r.id) AS superseded_by
WHERE $as_of IS NULL OR (drops = 0 AND size(superseded_by) = 0)
OPTIONAL MATCH (l)-[f:FULFILLED]->(c)
WHERE coalesce(f.rank, 'normal') <> 'deprecated' AND f.date <= coalesce($as_of, date())
WITH l, c, bindings, evidence, first, drops, dropped, superseded_by, f
ORDER BY CASE f.extent WHEN 'full' THEN 0 ELSE 1 END, f.date
WITH l, c, bindings, evidence, first, drops, dropped, superseded_by, collect({date: f.date, extent: f.extent})[0] AS met
OPTIONAL MATCH (l)-[b:BREACHED]->(c)
WHERE coalesce(b.rank, 'normal') <> 'deprecated' AND ($as_of IS NULL OR b.date <= $as_of)
WITH l, c, bindings, evidence, first, drops, dropped, superseded_by, met, count(b) AS breaches,
     CASE c.due_precision
       WHEN 'year' THEN date({year: c.due.year, month: 12, day: 31})
       WHEN 'month' THEN c.due + duration({months: 1}) - duration({days: 1})
       ELSE c.due
     END AS due_by
RETURN l.id AS lab, c {.id, .name, .text, .category} AS commitment, first.date AS made, first.precision AS made_precision,
       CASE WHEN 'non_binding' IN bindings THEN 'non_binding' WHEN 'binding' IN bindings THEN 'binding' ELSE null END AS binding,
       CASE WHEN drops > 0 THEN 'dropped' WHEN size(superseded_by) > 0 THEN 'superseded' ELSE 'standing' END AS status,
       dropped, superseded_by,
       CASE WHEN c.due IS NULL THEN null ELSE {
         due: c.due, due_precision: coalesce(c.due_precision, 'day'), due_by: due_by, met_on: met.date,
         status: CASE
           WHEN met.date IS NOT NULL AND met.extent = 'full' AND met.date <= due_by THEN 'met'
           WHEN met.date IS NOT NULL AND met.extent = 'full' THEN 'met late'
           WHEN met.date IS NOT NULL THEN 'partial'
           WHEN drops > 0 OR breaches > 0 THEN 'missed'
           WHEN coalesce($as_of, date()) > due_by THEN 'overdue'
           ELSE 'pending'
         END,
         days_late: CASE WHEN met.date > due_by THEN duration.inDays(due_by, met.date).days ELSE null END
       } END AS deadline,
       evidence
ORDER BY made DESC, commitment.id
