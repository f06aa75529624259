#!/usr/bin/env bash
# Make .venv with Baoku and its pinned dependencies (plus test tools with --test),
# and put htmx, from the npm registry, into web/static/.
set -euo pipefail
cd "$(dirname "$0")/.."
extras=""
[ "${1:-}" = "--test" ] && extras="[test]"
[ -x .venv/bin/python ] || "${PYTHON:-python3}" -m venv .venv
.venv/bin/python -m pip install --quiet --disable-pip-version-check -e ".${extras}"
bash scripts/setup_assets.sh
