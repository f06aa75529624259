#!/bin/sh
# Fetch the pinned htmx from the npm registry into web/static/ (never a CDN).
# The version is pinned in package.json; the copy is git-ignored.
set -eu
ROOT=$(cd "$(dirname "$0")/.." && pwd)
VERSION=$(node -p "require('$ROOT/package.json').dependencies['htmx.org']")
TARGET="$ROOT/web/static/htmx-$VERSION.min.js"
if [ -f "$TARGET" ]; then
    echo "htmx $VERSION already in web/static/"
    exit 0
fi
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
cp "$ROOT/package.json" "$WORK/"
(cd "$WORK" && npm install --no-audit --no-fund --ignore-scripts --silent)
cp "$WORK/node_modules/htmx.org/dist/htmx.min.js" "$TARGET"
echo "htmx $VERSION -> $TARGET"
