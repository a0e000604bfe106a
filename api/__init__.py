"""HTTP: FastAPI over the canned queries. Nothing here runs Cypher that a caller wrote."""
