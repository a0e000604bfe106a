// What a lab dropped, drawn for the Neo4j Browser's graph view: the lab, each commitment it dropped and what replaced it, and who pressed the lab.
// param lab: string - lab id
// example lab: anthropic
// returns: dropped, replaced, pressed
MATCH (l {id: toLower($lab)}) WHERE l:Lab
CALL (l) {
  OPTIONAL MATCH pressed = (:Entity)-[p:PRESSURED]->(l)
  WHERE coalesce(p.rank, 'normal') <> 'deprecated'
  RETURN collect(pressed) AS pressed
}
MATCH dropped = (l)-[d:DROPPED]->(c:Commitment)
WHERE coalesce(d.rank, 'normal') <> 'deprecated'
OPTIONAL MATCH replaced = (c)-[s:SUPERSEDED_BY]->(:Commitment)
WHERE coalesce(s.rank, 'normal') <> 'deprecated'
RETURN dropped, replaced, pressed
