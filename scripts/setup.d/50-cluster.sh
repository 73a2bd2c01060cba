#!/usr/bin/env bash
# The single-node cluster for the Argo end-to-end tests (issue 11, design §7): Debian's
# containerd, runc, CNI plugins and iptables, then `scripts/cluster.sh build` (Kubernetes' node
# commands, Argo's workflow-controller and argoexec, the images), cached in .cache/ by version.
# Starts nothing: scripts/test.d/70-e2e-argo.sh brings the cluster up and down.
set -euo pipefail
cd "$(dirname "$0")/../.."
missing=$(bash scripts/cluster.sh missing-tools)
if [ -n "$missing" ]; then
  echo "50-cluster: installing from Debian (missing:$missing)"
  apt-get update -qq
  # policy-rc.d 101: the package must not start a containerd of its own on the host.
  policy=/usr/sbin/policy-rc.d
  restore=0
  if [ ! -e "$policy" ]; then
    printf '#!/bin/sh\nexit 101\n' >"$policy" && chmod +x "$policy" && restore=1
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    -o DPkg::Lock::Timeout=600 containerd runc containernetworking-plugins iptables util-linux >/dev/null
  [ "$restore" = 0 ] || rm -f "$policy"
fi
start=$SECONDS
bash scripts/cluster.sh build
echo "50-cluster: cluster parts ready in $((SECONDS - start))s"
