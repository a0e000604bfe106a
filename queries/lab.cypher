// Find a lab by id, name or alias (case-insensitive).
// param lab: string - lab id, name or alias
// example lab: Anthropic PBC
// returns: id, name, aliases
MATCH (l:Lab)
WHERE l.id = toLower($lab) OR toLower(l.name) = toLower($lab)
   OR any(alias IN coalesce(l.aliases, []) WHERE toLower(alias) = toLower($lab))
RETURN l.id AS id, l.name AS name, coalesce(l.aliases, []) AS aliases
