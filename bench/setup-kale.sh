#!/usr/bin/env bash
# A throwaway virtualenv with Kale from PyPI, the peer the benchmarks compare against.
set -euo pipefail
cd "$(dirname "$0")"
[ -x .venv-kale/bin/python ] || python3 -m venv .venv-kale
.venv-kale/bin/python -m pip install -q --upgrade pip
.venv-kale/bin/python -m pip install -q "kubeflow-kale==2.3.0"
