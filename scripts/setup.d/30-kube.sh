#!/usr/bin/env bash
# Builds the local control plane for the cluster tests: kube-apiserver from the official
# k8s.io/kubernetes module (wrapper module tools/kube pins every staging module to its published
# version) and kine (an etcd shim over SQLite). Cached in .cache/kube/<version>/: reruns are instant.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$(pwd)
# shellcheck source=/dev/null
. tools/kube/versions.env
command -v go >/dev/null || { echo "30-kube: go is required" >&2; exit 1; }
command -v openssl >/dev/null || { echo "30-kube: openssl is required (test certificates)" >&2; exit 1; }
OUT="$ROOT/.cache/kube/$KUBE_VERSION"
mkdir -p "$OUT"
start=$SECONDS
# KUBE_CMDS: which k8s.io/kubernetes commands to build. The tests need only the apiserver;
# scripts/cluster.sh asks for the node's commands too. They are built in one `go build`, which
# compiles the packages they share once.
KUBE_CMDS=${KUBE_CMDS:-kube-apiserver}
missing=()
for cmd in $KUBE_CMDS; do
  [ -x "$OUT/$cmd" ] || missing+=("$cmd")
done
if [ ${#missing[@]} -gt 0 ]; then
  minor=$(echo "$KUBE_VERSION" | cut -d. -f2)
  pkg=k8s.io/component-base/version
  ldflags="-s -w -X $pkg.gitVersion=$KUBE_VERSION -X $pkg.gitMajor=1 -X $pkg.gitMinor=$minor"
  ldflags="$ldflags -X $pkg.gitTreeState=clean -X $pkg.buildDate=1970-01-01T00:00:00Z"
  pkgs=()
  for cmd in "${missing[@]}"; do pkgs+=("k8s.io/kubernetes/cmd/$cmd"); done
  rm -rf "$OUT/tmp" && mkdir -p "$OUT/tmp"
  (cd tools/kube && CGO_ENABLED=0 go build -trimpath -ldflags "$ldflags" -o "$OUT/tmp/" "${pkgs[@]}")
  for cmd in "${missing[@]}"; do mv "$OUT/tmp/$cmd" "$OUT/$cmd"; done
  rmdir "$OUT/tmp"
  echo "30-kube: built ${missing[*]} $KUBE_VERSION in $((SECONDS - start))s"
fi
KINE_DIR="$ROOT/.cache/kube/kine-$KINE_VERSION"
if [ ! -x "$KINE_DIR/kine" ]; then
  kstart=$SECONDS
  # kine stores in SQLite through go-sqlite3, which needs cgo (gcc).
  GOBIN="$KINE_DIR" CGO_ENABLED=1 go install -trimpath -ldflags "-s -w" "github.com/k3s-io/kine@$KINE_VERSION"
  echo "30-kube: built kine $KINE_VERSION in $((SECONDS - kstart))s"
fi
"$OUT/kube-apiserver" --version
echo "30-kube: control plane ready in .cache/kube ($((SECONDS - start))s)"
