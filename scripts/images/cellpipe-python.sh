#!/usr/bin/env bash
# Builds the step image localhost/cellpipe-python:3.11 with no container registry: a Debian 12
# root filesystem made by mmdebstrap (Debian's python3, python3-numpy, python3-pandas,
# python3-sklearn) plus pyarrow 21 from PyPI (Debian 12 has no pyarrow; 21 is the last release that
# works with Debian's numpy 1.24), packed as a docker-archive tar that both `podman load` (KFP,
# issue 13) and `ctr -n k8s.io images import` (the Argo cluster, issue 11) read.
#
#   bash scripts/images/cellpipe-python.sh      # prints the tar's path, building it when missing
#
# Cached by content: the tar is .cache/images/cellpipe-python-3.11-<key>.tar, where the key hashes
# this script and scripts/images/docker-archive.py; .cache/images/cellpipe-python-3.11.tar links to
# it. Reruns are instant. Needs root (mmdebstrap --mode=root); installs mmdebstrap when missing.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$(pwd)
IMAGE=localhost/cellpipe-python:3.11
SUITE=bookworm
MIRROR=http://deb.debian.org/debian
PACKAGES=python3,python3-numpy,python3-pandas,python3-sklearn
PYARROW=pyarrow==21.0.0
PYARROW_SHA256=40ebfcb54a4f11bcde86bc586cbd0272bac0d516cfa539c799c2453768477569
OUT="$ROOT/.cache/images"
mkdir -p "$OUT"
key=$(cat scripts/images/cellpipe-python.sh scripts/images/docker-archive.py | sha256sum | cut -c1-16)
TAR="$OUT/cellpipe-python-3.11-$key.tar"
LINK="$OUT/cellpipe-python-3.11.tar"
log() { echo "cellpipe-python: $*" >&2; }

# One build at a time (the KFP setup and the cluster harness may both ask). The lock's descriptor
# is closed in everything started below (9>&-), so nothing long-lived can hold it.
exec 9>"$OUT/.lock"
flock 9
if [ -s "$TAR" ]; then
  ln -sfn "$(basename "$TAR")" "$LINK"
  echo "$TAR"
  exit 0
fi

if ! command -v mmdebstrap >/dev/null; then
  log "installing mmdebstrap"
  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
    --no-install-recommends -o DPkg::Lock::Timeout=600 mmdebstrap >/dev/null; } 9>&-
fi
PYTHON="$ROOT/.venv/bin/python"
[ -x "$PYTHON" ] || PYTHON=python3

start=$SECONDS
WORK=$(mktemp -d "$OUT/build.XXXXXX")
trap 'rm -rf "$WORK"' EXIT

# pyarrow for Debian's python3.11 (cp311, glibc 2.36), pinned by hash.
printf '%s --hash=sha256:%s\n' "$PYARROW" "$PYARROW_SHA256" >"$WORK/pyarrow.txt"
"$PYTHON" -m pip install -q --no-deps --require-hashes --only-binary=:all: \
  --platform manylinux_2_28_x86_64 --python-version 3.11 --implementation cp --abi cp311 \
  --target "$WORK/pyarrow" -r "$WORK/pyarrow.txt" 9>&-
# C++ headers, Cython sources and the test suite are for building against pyarrow, not running it.
rm -rf "$WORK/pyarrow/pyarrow/include" "$WORK/pyarrow/pyarrow/src" "$WORK/pyarrow/pyarrow/tests" \
  "$WORK/pyarrow/bin"
find "$WORK/pyarrow" \( -name '*.pyx' -o -name '*.pxd' -o -name '*.pxi' -o -name '*.h' \
  -o -name '*.cc' \) -delete

# python3-scipy depends on python3-pythran, a compiler scipy needs only to build; it drags in g++,
# Boost and BLAS headers (~500 MB). An empty package of that name satisfies the dependency.
mkdir -p "$WORK/stub/DEBIAN"
cat >"$WORK/stub/DEBIAN/control" <<'EOF'
Package: python3-pythran
Version: 0.0~cellpipe1
Architecture: all
Maintainer: cellpipe <cellpipe@localhost>
Description: empty stand-in for pythran, which scipy needs only to build
EOF
dpkg-deb --root-owner-group -b "$WORK/stub" "$WORK/pythran-stub.deb" >/dev/null

log "building the root filesystem (mmdebstrap $SUITE: $PACKAGES)"
# Merged /usr by the hook (no usrmerge package, which needs Perl); no recommends; no docs, man
# pages or translations. pyarrow goes to /usr/local and is byte-compiled by the image's python3.
nice -n 10 mmdebstrap --variant=essential --mode=root --format=tar --skip=output/dev \
  --hook-dir=/usr/share/mmdebstrap/hooks/merged-usr \
  --aptopt='APT::Install-Recommends "false"' --dpkgopt=force-unsafe-io \
  --dpkgopt='path-exclude=/usr/share/man/*' --dpkgopt='path-exclude=/usr/share/info/*' \
  --dpkgopt='path-exclude=/usr/share/doc/*' --dpkgopt='path-include=/usr/share/doc/*/copyright' \
  --dpkgopt='path-exclude=/usr/share/locale/*' \
  --essential-hook="upload $WORK/pythran-stub.deb /tmp/pythran-stub.deb" \
  --essential-hook='chroot "$1" dpkg -i /tmp/pythran-stub.deb && rm "$1/tmp/pythran-stub.deb"' \
  --include="$PACKAGES" \
  --customize-hook="sync-in $WORK/pyarrow /usr/local/lib/python3.11/dist-packages" \
  --customize-hook='chroot "$1" python3 -m compileall -q /usr/local/lib/python3.11/dist-packages' \
  --customize-hook='chroot "$1" python3 -c "import numpy, pandas, pyarrow.parquet, sklearn"' \
  "$SUITE" "$WORK/rootfs.tar" "$MIRROR" 9>&- >"$WORK/mmdebstrap.log" 2>&1 ||
  { tail -40 "$WORK/mmdebstrap.log" >&2; log "mmdebstrap failed"; exit 1; }

"$PYTHON" scripts/images/docker-archive.py "$WORK/rootfs.tar" "$IMAGE" "$WORK/image.tar" 9>&-
rm -f "$OUT"/cellpipe-python-3.11-*.tar
mv "$WORK/image.tar" "$TAR"
ln -sfn "$(basename "$TAR")" "$LINK"
log "built $IMAGE in $((SECONDS - start))s: $(du -h "$TAR" | cut -f1)"
echo "$TAR"
