#!/usr/bin/env bash
# Set up and run every check: lint, formatting, types, generated files and the test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh test
.venv/bin/ruff check .
.venv/bin/ruff format --check .
.venv/bin/mypy
.venv/bin/pledgegraph generate --check
.venv/bin/pytest "$@"
