#!/usr/bin/env bash
# podman (Debian 12's 4.3) and the step image for the kfp.local tests (issue 13): builds
# localhost/cellpipe-python:3.11 with scripts/images/cellpipe-python.sh (cached, no registry) and
# loads it into podman's store. The tests start `podman system service` themselves
# (tools/kfp_local/run.py); nothing is left running here.
set -euo pipefail
cd "$(dirname "$0")/../.."
IMAGE=localhost/cellpipe-python:3.11
if ! command -v podman >/dev/null || ! command -v runc >/dev/null; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    -o DPkg::Lock::Timeout=600 podman runc >/dev/null
fi
podman --version
archive=$(bash scripts/images/cellpipe-python.sh)
# The image ID is the digest of its config, which the archive's manifest names.
want=$(tar -xOf "$archive" manifest.json |
  python3 -c 'import json, sys; print(json.load(sys.stdin)[0]["Config"].split(".")[0])')
have=$(podman image inspect --format '{{.Id}}' "$IMAGE" 2>/dev/null || true)
if [ "$have" != "$want" ]; then
  podman load -q -i "$archive" </dev/null
fi
# podman's default limits for root containers are more than runc may set without
# CAP_SYS_RESOURCE, which this VM's root lacks; tools/kfp_local/run.py sets the same ones.
nofile=$(ulimit -Hn); [ "$nofile" = unlimited ] || [ "$nofile" -gt 65536 ] && nofile=65536
nproc=$(ulimit -Hu); [ "$nproc" = unlimited ] || [ "$nproc" -gt 4096 ] && nproc=4096
podman run --rm --network=none --ulimit "nofile=$nofile:$nofile" --ulimit "nproc=$nproc:$nproc" "$IMAGE" python3 -c 'import numpy, pandas, pyarrow, sklearn
print("40-podman: image ok: numpy", numpy.__version__, "pandas", pandas.__version__,
      "pyarrow", pyarrow.__version__, "scikit-learn", sklearn.__version__)' </dev/null
