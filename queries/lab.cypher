// Find a lab by id, name or alias (case-insensitive).
// param lab: string - lab id, name or alias
// example lab: Anthropic PBC
// returns: id, name, aliases
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
RETURN l.id AS id, l.name AS name, coalesce(l.aliases, []) AS aliases
