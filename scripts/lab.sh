#!/usr/bin/env bash
# Opens JupyterLab on examples/ with cellpipe installed (run scripts/setup.sh first).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$(pwd)/.venv/bin:$PATH"
exec jupyter lab --notebook-dir=examples "$@"
