// One commitment: who made it, who dropped it, who met or breached it, and its deadline.
// param commitment: string - commitment id
// param as_of: date? - answer as the graph stood that day: only facts dated on or before it count
// example commitment: anthropic-pause-or-delay-pledge
// returns: commitment, made_by, dropped_by, fulfilled_by, breached_by
MATCH (c:Commitment {id: $commitment})
OPTIONAL MATCH (o:Organisation)-[m:MADE]->(c)
WHERE coalesce(m.rank, 'normal') <> 'deprecated' AND ($as_of IS NULL OR m.date <= $as_of)
WITH c, o ORDER BY o.id
WITH c, collect(DISTINCT o {.id, .name}) AS made_by
OPTIONAL MATCH (x:Organisation)-[d:DROPPED]->(c)
WHERE coalesce(d.rank, 'normal') <> 'deprecated' AND ($as_of IS NULL OR d.date <= $as_of)
WITH c, made_by, x ORDER BY x.id
WITH c, made_by, collect(DISTINCT x {.id, .name}) AS dropped_by
OPTIONAL MATCH (y:Organisation)-[f:FULFILLED]->(c)
WHERE coalesce(f.rank, 'normal') <> 'deprecated' AND ($as_of IS NULL OR f.date <= $as_of)
WITH c, made_by, dropped_by, y, f ORDER BY y.id, f.date
WITH c, made_by, dropped_by, collect(CASE WHEN y IS NULL THEN null ELSE {id: y.id, name: y.name, date: f.date, extent: f.extent} END) AS fulfilled_by
OPTIONAL MATCH (z:Organisation)-[b:BREACHED]->(c)
WHERE coalesce(b.rank, 'normal') <> 'deprecated' AND ($as_of IS NULL OR b.date <= $as_of)
WITH c, made_by, dropped_by, fulfilled_by, z, b ORDER BY z.id, b.date
RETURN c {.id, .name, .text, .category, .due, .due_precision} AS commitment, made_by, dropped_by, fulfilled_by,
       collect(CASE WHEN z IS NULL THEN null ELSE {id: z.id, name: z.name, date: b.date, breach: b.breach} END) AS breached_by
