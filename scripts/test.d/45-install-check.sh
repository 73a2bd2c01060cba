#!/usr/bin/env bash
# The installed extension as Jupyter sees it: `jupyter labextension list` shows cellpipe enabled
# and OK, `jupyter server extension list` shows it enabled, and `python -m
# jupyterlab.browser_check` loads JupyterLab with it in Chromium without errors. JUnit XML out.
set -uo pipefail
cd "$(dirname "$0")/../.."
ROOT=$(pwd)
export PATH="$ROOT/.venv/bin:$PATH"
export PLAYWRIGHT_BROWSERS_PATH="$ROOT/.cache/playwright-browsers"
out="${CELLPIPE_RESULTS:-.cache/test-results}"
mkdir -p "$out"
cases=""
failures=0
check() {
  local name=$1; shift
  local log
  log=$(mktemp)
  if "$@" >"$log" 2>&1; then
    cases+="<testcase classname=\"install\" name=\"$name\"/>"
    echo "ok: $name"
  else
    failures=$((failures + 1))
    cases+="<testcase classname=\"install\" name=\"$name\"><failure message=\"failed\"/></testcase>"
    echo "FAILED: $name"; tail -20 "$log"
  fi
  rm -f "$log"
}
plain() { sed 's/\x1b\[[0-9;]*m//g'; }
labextension() { jupyter labextension list 2>&1 | plain | grep -E '^\s+cellpipe v[0-9.]+ enabled OK'; }
serverextension() { jupyter server extension list 2>&1 | plain | grep -E '^\s+cellpipe enabled'; }
browsercheck() { (cd "$(mktemp -d)" && python -m jupyterlab.browser_check --allow-root); }
check "jupyter labextension list: cellpipe enabled OK" labextension
check "jupyter server extension list: cellpipe enabled" serverextension
check "python -m jupyterlab.browser_check" browsercheck
printf '<?xml version="1.0"?><testsuite name="install-check" tests="3" failures="%s">%s</testsuite>\n' \
  "$failures" "$cases" >"$out/install-check.xml"
[ "$failures" = 0 ]
