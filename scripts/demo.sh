#!/usr/bin/env bash
# Set up, index the sample edition in seeds/, and serve the web UI on localhost.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
.venv/bin/baoku index seeds/
exec .venv/bin/baoku serve --host 127.0.0.1 --port "${PORT:-8000}"
