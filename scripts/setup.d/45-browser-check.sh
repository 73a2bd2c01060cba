#!/usr/bin/env bash
# Makes `python -m jupyterlab.browser_check` work here: it installs Playwright and downloads a
# browser, and browser downloads fail on this network. So: Playwright (the version ui-tests uses)
# is installed where browser_check looks for it, and a Playwright browsers directory is laid out
# whose Chromium is Debian's /usr/bin/chromium (run with --no-sandbox, as root needs), so
# `npx playwright install chromium` finds everything installed. Video (ffmpeg) stays off.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$(pwd)
export PATH="$ROOT/.venv/bin:$PATH"
app_dir=$(python -c "from jupyterlab.commands import get_app_dir; print(get_app_dir())")
target="$app_dir/browser_test"
version=$(node -p "require('./ui-tests/node_modules/playwright-core/package.json').version")
if [ ! -f "$target/node_modules/playwright/package.json" ] ||
  [ "$(node -p "require('$target/node_modules/playwright/package.json').version")" != "$version" ]; then
  mkdir -p "$target"
  (cd "$target" && { [ -f package.json ] || npm init -y >/dev/null; } &&
    npm install --no-audit --no-fund "playwright@$version" >/dev/null)
fi
browsers="$ROOT/.cache/playwright-browsers"
revision() {
  node -p "require('$target/node_modules/playwright-core/browsers.json').browsers.find(b => b.name === '$1').revision"
}
wrapper() {
  local path=$1 body=$2
  mkdir -p "$(dirname "$path")"
  printf '#!/bin/sh\n%s\n' "$body" >"$path"
  chmod +x "$path"
}
mark() {
  touch "$1/INSTALLATION_COMPLETE" "$1/DEPENDENCIES_VALIDATED"
}
chromium=$(revision chromium)
shell=$(revision chromium-headless-shell)
ffmpeg=$(revision ffmpeg)
wrapper "$browsers/chromium-$chromium/chrome-linux64/chrome" 'exec /usr/bin/chromium --no-sandbox "$@"'
wrapper "$browsers/chromium_headless_shell-$shell/chrome-headless-shell-linux64/chrome-headless-shell" \
  'exec /usr/bin/chromium --no-sandbox "$@"'
wrapper "$browsers/ffmpeg-$ffmpeg/ffmpeg-linux" 'echo "ffmpeg is not available here" >&2; exit 1'
mark "$browsers/chromium-$chromium"
mark "$browsers/chromium_headless_shell-$shell"
mark "$browsers/ffmpeg-$ffmpeg"
echo "browser_check: Playwright $version in $target, browsers in $browsers"
