// One row, to check that the database exists and answers (a Neo4j store checks it on connecting).
// returns: ok
RETURN 1 AS ok
