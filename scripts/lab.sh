#!/usr/bin/env bash
# The main job: JupyterLab on examples/ with cellpipe installed, where Compile and run works
# locally with no cluster (run scripts/setup.sh first). Extra arguments go to `jupyter lab`.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$(pwd)/.venv/bin:$PATH"
# Local runs use the environment that has the examples' libraries (scikit-learn, pandas).
export CELLPIPE_PYTHON="${CELLPIPE_PYTHON:-$(pwd)/.venv/bin/python}"
extra=()
if [ "$(id -u)" = 0 ]; then
  extra+=(--allow-root)
fi
exec jupyter lab --notebook-dir=examples "${extra[@]}" "$@"
