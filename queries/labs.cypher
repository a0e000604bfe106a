// The labs, with how many commitments each made, dropped and saw weakened, and its latest change.
// returns: id, name, aliases, made, dropped, weakened, latest_change
MATCH (l:Lab)
OPTIONAL MATCH (l)-[:MADE]->(made:Commitment)
WITH l, count(DISTINCT made) AS made
OPTIONAL MATCH (l)-[:DROPPED]->(dropped:Commitment)
WITH l, made, count(DISTINCT dropped) AS dropped
OPTIONAL MATCH (l)-[:MADE]->(weakened:Commitment)-[:SUPERSEDED_BY {change: 'weakened'}]->(:Commitment)
WITH l, made, dropped, count(DISTINCT weakened) AS weakened
OPTIONAL MATCH (l)-[d:DROPPED]->(:Commitment)
OPTIONAL MATCH (l)-[:MADE]->(:Commitment)-[s:SUPERSEDED_BY]->(:Commitment)
WITH l, made, dropped, weakened, [x IN collect(d.date) + collect(s.date) WHERE x IS NOT NULL] AS dates
RETURN l.id AS id, l.name AS name, coalesce(l.aliases, []) AS aliases, made, dropped, weakened,
       reduce(latest = null, x IN dates | CASE WHEN latest IS NULL OR x > latest THEN x ELSE latest END) AS latest_change
ORDER BY name
