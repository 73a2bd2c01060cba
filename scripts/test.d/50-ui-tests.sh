#!/usr/bin/env bash
# Galata UI tests in a real JupyterLab and Debian's Chromium; JUnit results count in the tally.
set -euo pipefail
cd "$(dirname "$0")/../../ui-tests"
CELLPIPE_UI_JUNIT="$CELLPIPE_RESULTS/ui-tests.xml" CI=true npx playwright test
