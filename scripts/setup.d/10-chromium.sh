#!/usr/bin/env bash
# Debian's Chromium for the Galata UI tests (Playwright's browser download does not work here),
# and the ui-tests packages.
set -euo pipefail
cd "$(dirname "$0")/../.."
if [ ! -x /usr/bin/chromium ]; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi
cd ui-tests
stamp=node_modules/.cellpipe-lock-stamp
if [ ! -f "$stamp" ] || ! cmp -s package-lock.json "$stamp"; then
  npm install --no-audit --no-fund
  cp package-lock.json "$stamp"
fi
