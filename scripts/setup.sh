#!/usr/bin/env bash
# Sets up a fresh machine for cellpipe. Idempotent: reruns are quick.
#   bash scripts/setup.sh          # what the lab demo needs (Python venv, npm packages, build, install)
#   bash scripts/setup.sh --dev    # plus everything the tests need (setup.d/*.sh: Chromium, Go tools, ...)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
DEV=0
[ "${1:-}" = "--dev" ] && DEV=1

say() { printf '\n== setup: %s\n' "$*"; }

command -v node >/dev/null || { echo "setup: node (>= 20) is required" >&2; exit 1; }
node -e 'process.exit(+process.versions.node.split(".")[0] >= 20 ? 0 : 1)' ||
  { echo "setup: node >= 20 is required, found $(node --version)" >&2; exit 1; }

say "Python virtual environment (.venv)"
[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip
if [ "$DEV" = 1 ]; then
  .venv/bin/python -m pip install -q -r requirements-dev.txt
else
  .venv/bin/python -m pip install -q -r requirements-lab.txt
fi

say "npm packages"
stamp=node_modules/.cellpipe-lock-stamp
if [ ! -f "$stamp" ] || ! cmp -s package-lock.json "$stamp"; then
  # Not `npm ci`: the registry serves no rspack bindings for other platforms, and `npm ci`
  # refuses a lock without them. `npm install` keeps the locked versions and skips those.
  npm install --no-audit --no-fund
  cp package-lock.json "$stamp"
fi

say "build (engine bundle, TypeScript, labextension)"
export PATH="$ROOT/.venv/bin:$PATH"
npm run build

say "install the Python package (server extension + labextension) into .venv"
# The build above made the labextension and the engine bundle; the hook need not redo it.
SKIP_JUPYTER_BUILDER=1 .venv/bin/python -m pip install -q -e . --no-build-isolation
.venv/bin/jupyter labextension develop --overwrite . >/dev/null

if [ "$DEV" = 1 ]; then
  for part in scripts/setup.d/*.sh; do
    [ -e "$part" ] || continue
    say "$(basename "$part")"
    bash "$part"
  done
fi
say "done"
