// The labs, with how many commitments each made, dropped and saw weakened, and its latest change.
// param as_of: date? - count only facts dated on or before that day
// returns: id, name, aliases, made, dropped, weakened, latest_change
MATCH (l:Lab)
OPTIONAL MATCH (l)-[m:MADE]->(made:Commitment)
WHERE coalesce(m.rank, 'normal') <> 'deprecated' AND ($as_of IS NULL OR m.date <= $as_of)
WITH l, count(DISTINCT made) AS made
OPTIONAL MATCH (l)-[d:DROPPED]->(dropped:Commitment)
WHERE coalesce(d.rank, 'normal') <> 'deprecated' AND ($as_of IS NULL OR d.date <= $as_of)
WITH l, made, count(DISTINCT dropped) AS dropped, collect(d.date) AS drop_dates
OPTIONAL MATCH (l)-[:MADE]->(weakened:Commitment)-[s:SUPERSEDED_BY {change: 'weakened'}]->(:Commitment)
WHERE coalesce(s.rank, 'normal') <> 'deprecated' AND ($as_of IS NULL OR s.date <= $as_of)
WITH l, made, dropped, drop_dates, count(DISTINCT weakened) AS weakened, collect(s.date) AS change_dates
OPTIONAL MATCH (l)-[:MADE]->(:Commitment)-[r:SUPERSEDED_BY]->(:Commitment)
WHERE r.change <> 'weakened' AND coalesce(r.rank, 'normal') <> 'deprecated' AND ($as_of IS NULL OR r.date <= $as_of)
WITH l, made, dropped, weakened, drop_dates, change_dates, collect(r.date) AS other_dates
WITH l, made, dropped, weakened, drop_dates + change_dates + other_dates AS dates
RETURN l.id AS id, l.name AS name, coalesce(l.aliases, []) AS aliases, made, dropped, weakened,
       reduce(latest = null, x IN dates | CASE WHEN latest IS NULL OR x > latest THEN x ELSE latest END) AS latest_change
ORDER BY name
