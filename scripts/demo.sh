#!/usr/bin/env bash
# The main job without a cluster: analyse the fan-out example and run it as a local pipeline
# (five models trained in parallel), then list the runs. Run scripts/setup.sh first.
set -euo pipefail
cd "$(dirname "$0")/.."
export CELLPIPE_PYTHON="${CELLPIPE_PYTHON:-$(pwd)/.venv/bin/python}"
notebook="${1:-examples/fan-out.ipynb}"
node bin/cellpipe.js analyze "$notebook"
echo
node bin/cellpipe.js run "$notebook"
echo
node bin/cellpipe.js runs
