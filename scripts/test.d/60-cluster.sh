#!/usr/bin/env bash
# Cluster tests: Argo submission against a real kube-apiserver + kine on loopback (node's test
# runner against the esbuild bundle, since @kubernetes/client-node is ESM-only). The KFP
# contract tests are Jest (tests/cluster/*.test.ts) and run with the jest suite.
set -uo pipefail
cd "$(dirname "$0")/../.."
if ! node --input-type=module -e "import { binariesPresent } from './tests/cluster/harness.mjs'; process.exit(binariesPresent() ? 0 : 1)"; then
  echo "60-cluster: FAIL: kube-apiserver/kine are not built; run bash scripts/setup.d/30-kube.sh" >&2
  exit 1
fi
out="${CELLPIPE_RESULTS:-.cache/test-results}"
mkdir -p "$out"
node --test --test-concurrency=1 \
  --test-reporter=spec --test-reporter-destination=stdout \
  --test-reporter=junit --test-reporter-destination="$out/cluster.xml" \
  tests/cluster/*.test.mjs
