#!/usr/bin/env bash
# Set up, build the embedded store from the bundled data if needed, and serve on 127.0.0.1:8000.
# Arguments go to `pledgegraph serve` (for example --port 8080 or --rebuild).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
exec .venv/bin/pledgegraph serve "$@"
