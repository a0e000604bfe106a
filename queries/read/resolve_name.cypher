// The id of the node with a given label whose id, name or alias is the given text (any case): the id first (an index seek), the names only when no id matched.
// param name: string - an id, name or alias
// param label: string - the label the node must carry (Lab, Organisation, Commitment, Entity...)
// example name: Anthropic PBC
// example label: Lab
// returns: id
CALL () {
  MATCH (n {id: $name}) WHERE n:Entity
  RETURN n
  UNION
  MATCH (n {id: toLower($name)}) WHERE n:Entity
  RETURN n
  UNION
  OPTIONAL MATCH (exact {id: $name}) WHERE exact:Entity
  OPTIONAL MATCH (lower {id: toLower($name)}) WHERE lower:Entity
  WITH exact, lower
  UNWIND CASE WHEN exact IS NULL AND lower IS NULL THEN [1] ELSE [] END AS by_name
  MATCH (n:Entity)
  WHERE toLower(n.name) = toLower($name)
     OR any(alias IN coalesce(n.aliases, []) WHERE toLower(alias) = toLower($name))
  RETURN n
}
WITH n WHERE $label IN labels(n)
RETURN n.id AS id
ORDER BY id
