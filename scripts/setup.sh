#!/usr/bin/env bash
# Create .venv (Python 3.11 or newer) and install pledgegraph into it; "test" adds the test tools.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -x .venv/bin/python ]; then
  for candidate in "${PYTHON:-}" python3.11 python3.12 python3.13 python3; do
    if [ -n "$candidate" ] && command -v "$candidate" >/dev/null 2>&1 &&
      "$candidate" -c 'import sys; sys.exit(sys.version_info < (3, 11))'; then
      echo "setup: creating .venv with $("$candidate" --version 2>&1)" >&2
      "$candidate" -m venv .venv
      break
    fi
  done
  [ -x .venv/bin/python ] || { echo "pledgegraph needs Python 3.11 or newer" >&2; exit 1; }
fi
extra=""
[ "${1:-}" = "test" ] && extra="[test]"
if [ -x .venv/bin/pledgegraph ]; then
  echo "setup: checking that .venv holds pledgegraph${extra} and its dependencies" >&2
else
  echo "setup: installing pledgegraph${extra} and its dependencies into .venv from the package" \
    "index (the first time takes a minute or two)" >&2
fi
.venv/bin/python -m pip install --quiet --disable-pip-version-check -e ".${extra}"
echo "setup: done ($(.venv/bin/pledgegraph --version))" >&2
