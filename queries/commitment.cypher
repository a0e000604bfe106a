// One commitment, who made it and what became of it.
// param commitment: string - commitment id
// example commitment: anthropic-pause-or-delay-pledge
// returns: commitment, made_by, dropped_by
MATCH (c:Commitment {id: $commitment})
OPTIONAL MATCH (o:Organisation)-[:MADE]->(c)
WITH c, o ORDER BY o.id
WITH c, collect(DISTINCT o {.id, .name}) AS made_by
OPTIONAL MATCH (x:Organisation)-[:DROPPED]->(c)
WITH c, made_by, x ORDER BY x.id
RETURN c {.id, .name, .text, .category} AS commitment, made_by, collect(DISTINCT x {.id, .name}) AS dropped_by
