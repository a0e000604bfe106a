// The labs, with the date of each one's latest drop or replacement (the counts of what each made, dropped and saw weakened are the `counts` query's: one definition, used everywhere).
// param as_of: date? - consider only facts dated on or before that day
// returns: id, name, aliases, latest_change
MATCH (l:Lab)
OPTIONAL MATCH (l)-[d:DROPPED]->(:Commitment)
WHERE coalesce(d.rank, 'normal') <> 'deprecated' AND ($as_of IS NULL OR d.date <= $as_of)
WITH l, collect(d.date) AS drop_dates
OPTIONAL MATCH (l)-[:MADE]->(:Commitment)-[r:SUPERSEDED_BY]->(:Commitment)
WHERE coalesce(r.rank, 'normal') <> 'deprecated' AND ($as_of IS NULL OR r.date <= $as_of)
WITH l, drop_dates, collect(r.date) AS change_dates
WITH l, drop_dates + change_dates AS dates
RETURN l.id AS id, l.name AS name, coalesce(l.aliases, []) AS aliases,
       reduce(latest = null, x IN dates | CASE WHEN latest IS NULL OR x > latest THEN x ELSE latest END) AS latest_change
ORDER BY name
