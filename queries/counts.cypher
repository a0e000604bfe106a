// The one definition of the graph's counts, per lab or organisation: events (one per real-world event, however many sources report it), never statements. made: commitments it made (one it dropped counts as made, though no source at hand may say when); dropped, signed, declined, breached, fulfilled: events of that kind it took part in (a drop in full or in part); weakened: replacements of commitments it made by weaker ones; pressed: pressure it applied; pressured: pressure applied to it; rated: ratings of it; events: dated events it is on either side of. Deprecated statements do not count.
// param as_of: date? - count only facts dated on or before that day (undated facts are then left out)
// example as_of: 2025-01-01
// returns: id, name, lab, events, made, dropped, weakened, signed, declined, breached, fulfilled, pressed, pressured, rated
MATCH (o:Organisation)
OPTIONAL MATCH (o)-[r]->(x:Entity)
WHERE coalesce(r.rank, 'normal') <> 'deprecated' AND ($as_of IS NULL OR r.date <= $as_of)
WITH o,
     collect(DISTINCT CASE WHEN type(r) IN ['MADE', 'DROPPED'] AND x:Commitment THEN x.id END) AS made,
     collect(DISTINCT CASE WHEN type(r) = 'DROPPED' THEN r.event END) AS dropped,
     collect(DISTINCT CASE WHEN type(r) = 'SIGNED' THEN r.event END) AS signed,
     collect(DISTINCT CASE WHEN type(r) = 'DECLINED' THEN r.event END) AS declined,
     collect(DISTINCT CASE WHEN type(r) = 'BREACHED' THEN r.event END) AS breached,
     collect(DISTINCT CASE WHEN type(r) = 'FULFILLED' THEN r.event END) AS fulfilled,
     collect(DISTINCT CASE WHEN type(r) = 'PRESSURED' THEN r.event END) AS pressed,
     collect(DISTINCT CASE WHEN r.date IS NOT NULL THEN r.event END) AS dated_out
OPTIONAL MATCH (:Entity)-[r]->(o)
WHERE coalesce(r.rank, 'normal') <> 'deprecated' AND ($as_of IS NULL OR r.date <= $as_of)
WITH o, made, dropped, signed, declined, breached, fulfilled, pressed, dated_out,
     collect(DISTINCT CASE WHEN type(r) = 'PRESSURED' THEN r.event END) AS pressured,
     collect(DISTINCT CASE WHEN type(r) = 'RATED' THEN r.event END) AS rated,
     collect(DISTINCT CASE WHEN r.date IS NOT NULL THEN r.event END) AS dated_in
OPTIONAL MATCH (o)-[m:MADE]->(:Commitment)-[s:SUPERSEDED_BY]->(:Commitment)
WHERE s.change = 'weakened' AND coalesce(m.rank, 'normal') <> 'deprecated' AND coalesce(s.rank, 'normal') <> 'deprecated'
  AND ($as_of IS NULL OR s.date <= $as_of)
WITH o, made, dropped, signed, declined, breached, fulfilled, pressed, pressured, rated, collect(DISTINCT s.event) AS weakened,
     reduce(acc = dated_out, e IN dated_in | CASE WHEN e IN acc THEN acc ELSE acc + [e] END) AS dated
RETURN o.id AS id, o.name AS name, o:Lab AS lab, size(dated) AS events, size(made) AS made, size(dropped) AS dropped, size(weakened) AS weakened,
       size(signed) AS signed, size(declined) AS declined, size(breached) AS breached, size(fulfilled) AS fulfilled,
       size(pressed) AS pressed, size(pressured) AS pressured, size(rated) AS rated
ORDER BY id
