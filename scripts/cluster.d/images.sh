#!/usr/bin/env bash
# Builds the cluster's images as docker-archive tars in .cache/cluster/images/ (imported by
# scripts/cluster.sh with `ctr -n k8s.io images import`; the node never pulls):
#   localhost/pause:cellpipe          a static C pause() program (cluster.d/pause.c)
#   localhost/argoexec:$ARGO_VERSION  the argoexec binary (cluster.d/build-argo.sh)
#   localhost/cellpipe-python:3.11    scripts/images/cellpipe-python.sh (the step image)
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$(pwd)
# shellcheck source=/dev/null
. tools/argo/versions.env
IMG="$ROOT/.cache/cluster/images"
mkdir -p "$IMG"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

if [ ! -f "$IMG/pause.tar" ]; then
  mkdir -p "$work/pause"
  gcc -static -O2 -o "$work/pause/pause" scripts/cluster.d/pause.c
  python3 scripts/cluster.d/docker-archive.py "$IMG/pause.tar" localhost/pause:cellpipe "$work/pause" \
    --entrypoint '["/pause"]'
  echo "images: built localhost/pause:cellpipe"
fi

if [ ! -f "$IMG/argoexec-$ARGO_VERSION.tar" ]; then
  mkdir -p "$work/argoexec/bin"
  cp ".cache/argo/$ARGO_VERSION/bin/argoexec" "$work/argoexec/bin/argoexec"
  python3 scripts/cluster.d/docker-archive.py "$IMG/argoexec-$ARGO_VERSION.tar" \
    "localhost/argoexec:$ARGO_VERSION" "$work/argoexec" \
    --entrypoint '["/bin/argoexec"]' --env PATH=/bin
  echo "images: built localhost/argoexec:$ARGO_VERSION"
fi

# The step image: scripts/images/cellpipe-python.sh (shared with the KFP tests) builds it when
# missing, cached by content, and prints the tar's path.
if [ ! -f scripts/images/cellpipe-python.sh ]; then
  echo "images: scripts/images/cellpipe-python.sh is missing (the step image)" >&2
  exit 1
fi
start=$SECONDS
tar=$(bash scripts/images/cellpipe-python.sh)
ln -sfn "$tar" "$IMG/cellpipe-python-3.11.tar"
echo "images: localhost/cellpipe-python:3.11 ready in $((SECONDS - start))s ($tar)"
