#!/usr/bin/env bash
# End-to-end tests on the real single-node cluster (design §7): brings the cluster up
# (scripts/cluster.sh: builds what is missing, cached in .cache/), runs tests/e2e/*.test.mjs
# inside the cluster's network namespace, and takes the cluster down again.
#
# Needs root (namespaces, mounts, cgroups). The parts are built by scripts/setup.d/50-cluster.sh;
# `up` would build what is missing. CELLPIPE_KEEP_CLUSTER=1 leaves the cluster running afterwards.
set -uo pipefail
cd "$(dirname "$0")/../.."
ROOT=$(pwd)
export PATH="$ROOT/.venv/bin:$PATH"
start=$SECONDS
# No cluster of ours runs (none kept with CELLPIPE_KEEP_CLUSTER=1): what an earlier run that was
# cut short may have left on this machine (namespaces, mounts, processes in our cgroup) goes first.
bash scripts/cluster.sh status >/dev/null 2>&1 || bash scripts/cluster.sh down
if ! bash scripts/cluster.sh up; then
  echo "70-e2e-argo: FAIL: the cluster did not come up (logs in .cache/cluster/logs)" >&2
  bash scripts/cluster.sh down
  exit 1
fi
echo "70-e2e-argo: cluster up in $((SECONDS - start))s"
out="${CELLPIPE_RESULTS:-$ROOT/.cache/test-results}"
mkdir -p "$out"
bash scripts/cluster.sh exec node --test --test-concurrency=1 --test-timeout=1200000 \
  --test-reporter=spec --test-reporter-destination=stdout \
  --test-reporter=junit --test-reporter-destination="$out/e2e-argo.xml" \
  tests/e2e/*.test.mjs
status=$?
[ "${CELLPIPE_KEEP_CLUSTER:-0}" = 1 ] || bash scripts/cluster.sh down
echo "70-e2e-argo: $((SECONDS - start))s in all"
exit $status
