#!/usr/bin/env bash
# The lab extension's benchmarks (issues 5 and 12): size of the production build, and in
# Chromium the plugin activation, the sidebar's first load and keystroke -> DAG in a 1,000-cell
# notebook (CELLS=N to change it, SHAPE=shared for its other shape).
# Writes bench/results/lab-size.json, lab-browser.json and lab.md. Not part of CI (the UI test
# tests/sidebar-bench.spec.ts checks the 50 ms goal there).
set -euo pipefail
cd "$(dirname "$0")/../.."
source .venv/bin/activate
npm run build:lib:prod >/dev/null
jupyter labextension build . >/dev/null
mkdir -p bench/results
node bench/lab/size.mjs > bench/results/lab-size.json
# SHAPE=shared: each step also reads the df the first step makes (results in lab-browser-shared.json
# and lab-shared.md); the default, chain, writes lab-browser.json and lab.md.
shape="${SHAPE:-chain}"
suffix=""
if [ "$shape" != chain ]; then suffix="-$shape"; fi
(cd ui-tests && CELLPIPE_BENCH_CELLS="${CELLS:-1000}" CELLPIPE_BENCH_SHAPE="$shape" \
  CELLPIPE_BENCH_OUT="$PWD/../bench/results/lab-browser$suffix.json" \
  npx playwright test tests/sidebar-bench.spec.ts --retries=0 --reporter=list)
node bench/lab/table.mjs "bench/results/lab-browser$suffix.json" | tee "bench/results/lab$suffix.md"
