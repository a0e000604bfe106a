#!/usr/bin/env bash
# A local Neo4j Community server for pledgegraph, with Java 17+ and Maven (scripts/neo4j/):
#   bash scripts/neo4j.sh                  start, print the PLEDGEGRAPH_NEO4J_* settings, Ctrl-C stops
#   bash scripts/neo4j.sh -- CMD ARGS...   start, run CMD with those settings, stop
#   bash scripts/neo4j.sh --build-only     fetch Neo4j from Maven Central and build, start nothing
# The server listens on 127.0.0.1 only; its database is deleted when it stops.
set -euo pipefail
cd "$(dirname "$0")/.."
python=python3
[ -x .venv/bin/python ] && python=.venv/bin/python
exec "$python" scripts/neo4j/local_neo4j.py "$@"
