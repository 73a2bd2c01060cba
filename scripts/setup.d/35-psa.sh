#!/usr/bin/env bash
# Builds tools/psa (psa-check: Pod Security Standards evaluated by upstream's
# k8s.io/pod-security-admission/policy) into .cache/psa/<version>/. Modules come through the Go
# module proxy. Cached by version and source: reruns are instant.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$(pwd)
# shellcheck source=/dev/null
. tools/psa/versions.env
command -v go >/dev/null || { echo "35-psa: go is required" >&2; exit 1; }
OUT="$ROOT/.cache/psa/$PSA_VERSION"
stamp=$(cat tools/psa/go.mod tools/psa/go.sum tools/psa/*.go | sha256sum | cut -c1-16)
mkdir -p "$OUT"
start=$SECONDS
if [ ! -x "$OUT/psa-check" ] || [ "$(cat "$OUT/stamp" 2>/dev/null)" != "$stamp" ]; then
  (cd tools/psa && GOFLAGS=-mod=mod CGO_ENABLED=0 go build -trimpath -ldflags "-s -w" \
    -o "$OUT/psa-check.tmp" .)
  mv "$OUT/psa-check.tmp" "$OUT/psa-check"
  echo "$stamp" >"$OUT/stamp"
  echo "35-psa: built psa-check ($PSA_VERSION) in $((SECONDS - start))s"
fi
ln -sfn "$PSA_VERSION/psa-check" "$ROOT/.cache/psa/psa-check"
echo "35-psa: checker ready at .cache/psa/psa-check"
