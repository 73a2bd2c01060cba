#!/usr/bin/env bash
# Runs one benchmark (or all) by hand; each writes bench/results/<name>.json and <name>.md.
# Not part of CI. Needs `bash bench/setup-kale.sh` (Kale peer) and the dev venv (.venv).
#   bash bench/run.sh [analyze|compile|local|marshal|sizes|submit|all] [ROUNDS]
set -euo pipefail
cd "$(dirname "$0")/.."
which="${1:-all}"
rounds="${2:-3}"
[ -x bench/.venv-kale/bin/python ] || bash bench/setup-kale.sh
[ -f cellpipe/engine/cellpipe.cjs ] || npm run build:engine
run() {
  case "$1" in
    analyze) node bench/analyze/run.mjs "$rounds" 20 ;;
    compile) node bench/compile/run.mjs "$rounds" ;;
    local) node bench/local/run.mjs "$rounds" ;;
    marshal) .venv/bin/python bench/marshal/run.py "$rounds" > bench/results/marshal.json &&
      .venv/bin/python bench/marshal/table.py < bench/results/marshal.json ;;
    sizes) node bench/sizes/run.mjs 10 50 100 200 500 ;;
    submit) node bench/submit/run.mjs 50 ;;
    *) echo "unknown benchmark: $1 (analyze, compile, local, marshal, sizes, submit or all)" >&2; exit 2 ;;
  esac
}
mkdir -p bench/results
if [ "$which" = all ]; then set -- analyze compile local marshal sizes submit; else set -- "$which"; fi
for name in "$@"; do
  case "$name" in analyze | compile | local | marshal | sizes | submit) ;; *) run "$name" ;; esac
  echo "== $name" >&2
  run "$name" | tee "bench/results/$name.md"
done
