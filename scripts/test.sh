#!/usr/bin/env bash
# Runs every test suite; expects `bash scripts/setup.sh --dev` to have run.
# Prints one closing line `tests: N passed, N failed` over all suites.
set -uo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
export PATH="$ROOT/.venv/bin:$PATH"
export CELLPIPE_RESULTS="$ROOT/.cache/test-results"
rm -rf "$CELLPIPE_RESULTS" && mkdir -p "$CELLPIPE_RESULTS"
status=0
run_suite() {
  local name=$1; shift
  printf '\n== test: %s\n' "$name"
  local start=$SECONDS
  if "$@"; then
    printf '== test: %s passed (%ss)\n' "$name" $((SECONDS - start))
  else
    printf '== test: %s FAILED (%ss)\n' "$name" $((SECONDS - start))
    status=1
  fi
}

run_suite lint npm run --silent lint:check
run_suite typecheck npm run --silent typecheck
run_suite jest npx jest --ci --json --outputFile="$CELLPIPE_RESULTS/jest.json"
if compgen -G "tests/python/test_*.py" >/dev/null; then
  run_suite pytest python -m pytest -q --junitxml="$CELLPIPE_RESULTS/pytest.xml"
fi
for part in scripts/test.d/*.sh; do
  [ -e "$part" ] || continue
  run_suite "$(basename "$part" .sh)" bash "$part"
done

node scripts/lib/count-results.mjs "$CELLPIPE_RESULTS" || status=1
exit $status
