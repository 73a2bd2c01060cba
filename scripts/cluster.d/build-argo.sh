#!/usr/bin/env bash
# Builds Argo Workflows' workflow-controller and argoexec (tools/argo/versions.env) for the
# end-to-end cluster. Test harness only: these binaries are never shipped.
#
# The published module zip of v4.0.5 lacks workflow/executor/osspecific/signal_linux.go, so
# argoexec does not compile from it ("undefined: Setpgid"). We build from a copy of the module
# under .cache with our own small signal_linux.go (cluster.d/argo-signal_linux.go.txt, written for
# cellpipe, not upstream's file) and point the wrapper module at that copy with a `replace`.
# Cached in .cache/argo/<version>/: reruns are instant.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$(pwd)
# shellcheck source=/dev/null
. tools/argo/versions.env
OUT="$ROOT/.cache/argo/$ARGO_VERSION"
if [ -x "$OUT/bin/workflow-controller" ] && [ -x "$OUT/bin/argoexec" ]; then
  exit 0
fi
command -v go >/dev/null || { echo "build-argo: go is required" >&2; exit 1; }
start=$SECONDS
mod=github.com/argoproj/argo-workflows/v4
(cd tools/argo && go mod download "$mod")
src=$(cd tools/argo && go list -m -f '{{.Dir}}' "$mod")
SRC="$OUT/src"
rm -rf "$SRC" "$OUT/wrapper"
mkdir -p "$SRC" "$OUT/bin" "$OUT/wrapper"
cp -r "$src/." "$SRC/"
chmod -R u+w "$SRC"
cp scripts/cluster.d/argo-signal_linux.go.txt "$SRC/workflow/executor/osspecific/signal_linux.go"
cp tools/argo/go.mod tools/argo/go.sum "$OUT/wrapper/"
(
  cd "$OUT/wrapper"
  go mod edit -replace "$mod=$SRC"
  # One build for both commands: they share most packages.
  CGO_ENABLED=0 nice -n 10 go build -trimpath -ldflags "-s -w" -o "$OUT/bin/" \
    "$mod/cmd/workflow-controller" "$mod/cmd/argoexec"
)
echo "build-argo: built workflow-controller and argoexec $ARGO_VERSION in $((SECONDS - start))s"
