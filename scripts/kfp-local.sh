#!/usr/bin/env bash
# Runs a compiled KFP pipeline with the KFP SDK's own local orchestrator (kfp.local, DockerRunner)
# in podman containers: bash scripts/kfp-local.sh PIPELINE.yaml [--param NAME=VALUE]... [--json FILE]
# Compile first: node bin/cellpipe.js compile NOTEBOOK.ipynb --target kfp -o PIPELINE.yaml
# Prints each task's log and outputs; exits 0 only when the pipeline succeeded.
# Needs bash scripts/setup.sh --dev (podman and localhost/cellpipe-python:3.11, 40-podman.sh).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
PYTHON="$ROOT/.venv/bin/python"
[ -x "$PYTHON" ] || { echo "kfp-local: no .venv: run bash scripts/setup.sh --dev" >&2; exit 2; }
exec "$PYTHON" "$ROOT/tools/kfp_local/run.py" "$@"
