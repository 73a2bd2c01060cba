#!/usr/bin/env bash
# A single-node Kubernetes cluster with Argo Workflows, built from upstream parts, for the
# end-to-end tests (design §7). Test harness only.
#
#   bash scripts/cluster.sh build    build what is missing (cached in .cache/); starts nothing
#   bash scripts/cluster.sh up       build what is missing, start, wait; prints "cluster ready"
#   bash scripts/cluster.sh down     stop everything it started
#   bash scripts/cluster.sh status   what runs
#   bash scripts/cluster.sh missing-tools   the host tools missing (empty line when none)
#   bash scripts/cluster.sh exec CMD...   run CMD in the cluster's network namespace (where the
#                                    apiserver is, at https://10.201.0.2:6443)
#
# Parts: kine (etcd on SQLite), kube-apiserver, kube-controller-manager, kube-scheduler, kubelet,
# kube-proxy (k8s.io/kubernetes $KUBE_VERSION via tools/kube), Debian's containerd, runc and CNI
# plugins, Argo's workflow-controller (tools/argo). Everything runs in a network namespace and a
# mount namespace of its own: the node address, pod network, iptables rules and kubelet's mounts
# and files under /var/lib, /var/log and /run stay inside, and the host is left as it was.
# Processes are kept in the cgroup "cellpipe-cluster" (every v1 hierarchy), which `down` empties.
# Needs root.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT=$(pwd)
# shellcheck source=/dev/null
. tools/kube/versions.env
# shellcheck source=/dev/null
. tools/argo/versions.env

C="$ROOT/.cache/cluster"
KUBE_BIN="$ROOT/.cache/kube/$KUBE_VERSION"
KINE="$ROOT/.cache/kube/kine-$KINE_VERSION/kine"
ARGO_BIN="$ROOT/.cache/argo/$ARGO_VERSION/bin"
NETNS=cellpipe-cluster
NSDIR=/run/cellpipe-cluster
MNTNS="$NSDIR/mnt"
# Our cgroup, under the memory cgroup this script runs in (the same path in every v1 hierarchy,
# as kubelet's cgroupfs driver wants), so the cluster stays within what started it.
CG_PARENT=$(awk -F: '$2 == "memory" { print $3 }' /proc/self/cgroup)
CG="${CG_PARENT%/}/cellpipe-cluster"
CG="${CG#/}"
# A cluster that is up keeps the cgroup it was started in, whoever runs `down` or `status`.
[ -f "$C/run/cgroup" ] && CG=$(cat "$C/run/cgroup")
NODE=cellpipe-node
NODE_IP=10.201.0.2
POD_CIDR=10.202.0.0/24
SVC_CIDR=10.203.0.0/24
SVC_IP=10.203.0.1
E2E_NS=cellpipe-e2e
PV_COUNT=${CELLPIPE_CLUSTER_PVS:-40}
KUBECONFIG_FILE="$C/kubeconfig"
NODE_CMDS="kube-apiserver kube-controller-manager kube-scheduler kubelet kube-proxy"

say() { printf 'cluster: %s\n' "$*"; }
die() {
  printf 'cluster: %s\n' "$*" >&2
  exit 1
}
in_ns() { nsenter --net="/run/netns/$NETNS" --mount="$MNTNS" -- "$@"; }
ns_up() { [ -e "/run/netns/$NETNS" ] && mountpoint -q "$MNTNS" 2>/dev/null; }
apply() { in_ns node "$ROOT/scripts/cluster.d/apply.mjs" "$KUBECONFIG_FILE" "$@"; }

# The host tools the node needs (Debian's packages), those missing printed one per word; the
# CNI plugins as "cni". scripts/setup.d/50-cluster.sh installs them from this list.
missing_tools() {
  local c
  for c in containerd runc ctr iptables nsenter unshare; do
    command -v "$c" >/dev/null || printf ' %s' "$c"
  done
  [ -x /usr/lib/cni/bridge ] || printf ' cni'
  return 0
}

build() {
  local start=$SECONDS
  KUBE_CMDS="$NODE_CMDS" bash scripts/setup.d/30-kube.sh >/dev/null
  bash scripts/cluster.d/build-argo.sh
  bash scripts/cluster.d/images.sh
  for f in $NODE_CMDS; do [ -x "$KUBE_BIN/$f" ] || die "missing $KUBE_BIN/$f"; done
  [ -x "$KINE" ] || die "missing $KINE"
  local missing
  missing=$(missing_tools)
  [ -z "$missing" ] || die "missing host tools:$missing (apt-get install containerd runc containernetworking-plugins iptables util-linux)"
  say "parts ready ($((SECONDS - start))s)"
}

pki() {
  local d="$C/pki"
  [ -f "$d/done" ] && return 0
  mkdir -p "$d"
  openssl req -x509 -newkey rsa:2048 -nodes -days 3650 -subj /CN=cellpipe-cluster-ca \
    -keyout "$d/ca.key" -out "$d/ca.crt" 2>/dev/null
  cert() { # name CN O SANs
    local san=$4
    openssl req -newkey rsa:2048 -nodes -subj "/CN=$2${3:+/O=$3}" -keyout "$d/$1.key" -out "$d/$1.csr" 2>/dev/null
    printf 'subjectAltName=%s\nextendedKeyUsage=serverAuth,clientAuth\n' "$san" >"$d/$1.ext"
    openssl x509 -req -in "$d/$1.csr" -CA "$d/ca.crt" -CAkey "$d/ca.key" -CAcreateserial -days 3650 \
      -extfile "$d/$1.ext" -out "$d/$1.crt" 2>/dev/null
  }
  cert apiserver kube-apiserver "" \
    "IP:$NODE_IP,IP:127.0.0.1,IP:$SVC_IP,DNS:kubernetes,DNS:kubernetes.default,DNS:kubernetes.default.svc,DNS:kubernetes.default.svc.cluster.local"
  cert kubelet-client kube-apiserver-kubelet-client system:masters "DNS:kube-apiserver-kubelet-client"
  cert kubelet "system:node:$NODE" system:nodes "IP:$NODE_IP,DNS:$NODE"
  openssl genrsa -out "$d/sa.key" 2048 2>/dev/null
  openssl rsa -in "$d/sa.key" -pubout -out "$d/sa.pub" 2>/dev/null
  openssl rand -hex 24 >"$d/admin.token"
  printf '%s,admin,admin,"system:masters"\n' "$(cat "$d/admin.token")" >"$d/tokens.csv"
  touch "$d/done"
}

configs() {
  local d="$C/pki" token
  token=$(cat "$d/admin.token")
  mkdir -p "$C/etc" "$C/logs" "$C/run" "$C/varlib" "$C/varlog" "$C/pv"
  cat >"$KUBECONFIG_FILE" <<EOF
apiVersion: v1
kind: Config
clusters:
- name: cellpipe
  cluster:
    server: https://$NODE_IP:6443
    certificate-authority: $d/ca.crt
users:
- name: admin
  user:
    token: $token
contexts:
- name: cellpipe
  context: {cluster: cellpipe, user: admin, namespace: $E2E_NS}
current-context: cellpipe
EOF
  chmod 600 "$KUBECONFIG_FILE"
  cat >"$C/etc/containerd.toml" <<EOF
version = 2
root = "/var/lib/containerd"
state = "/run/containerd"
[grpc]
  address = "$C/run/containerd.sock"
[plugins."io.containerd.grpc.v1.cri"]
  sandbox_image = "localhost/pause:cellpipe"
  restrict_oom_score_adj = true
  [plugins."io.containerd.grpc.v1.cri".containerd]
    snapshotter = "overlayfs"
    default_runtime_name = "runc"
    [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc]
      runtime_type = "io.containerd.runc.v2"
      [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc.options]
        SystemdCgroup = false
  [plugins."io.containerd.grpc.v1.cri".cni]
    bin_dir = "/usr/lib/cni"
    conf_dir = "$C/etc/cni"
EOF
  mkdir -p "$C/etc/cni"
  cat >"$C/etc/cni/10-cellpipe.conflist" <<EOF
{
  "cniVersion": "0.4.0",
  "name": "cellpipe",
  "plugins": [
    {
      "type": "bridge",
      "bridge": "cni0",
      "isGateway": true,
      "ipMasq": false,
      "hairpinMode": true,
      "ipam": {"type": "host-local", "ranges": [[{"subnet": "$POD_CIDR"}]], "routes": [{"dst": "0.0.0.0/0"}]}
    },
    {"type": "portmap", "capabilities": {"portMappings": true}}
  ]
}
EOF
  : >"$C/etc/resolv.conf"
  cat >"$C/etc/kubelet.yaml" <<EOF
apiVersion: kubelet.config.k8s.io/v1beta1
kind: KubeletConfiguration
address: $NODE_IP
readOnlyPort: 0
healthzBindAddress: 127.0.0.1
authentication:
  anonymous: {enabled: false}
  webhook: {enabled: false}
  x509: {clientCAFile: $d/ca.crt}
authorization: {mode: AlwaysAllow}
tlsCertFile: $d/kubelet.crt
tlsPrivateKeyFile: $d/kubelet.key
cgroupDriver: cgroupfs
cgroupRoot: /$CG/node
failCgroupV1: false
failSwapOn: false
containerRuntimeEndpoint: unix://$C/run/containerd.sock
resolvConf: $C/etc/resolv.conf
clusterDomain: cluster.local
serializeImagePulls: false
imageGCHighThresholdPercent: 100
imageGCLowThresholdPercent: 99
evictionHard: {memory.available: "1Mi", nodefs.available: "1%", imagefs.available: "1%", nodefs.inodesFree: "1%"}
EOF
  cat >"$C/etc/kube-proxy.yaml" <<EOF
apiVersion: kubeproxy.config.k8s.io/v1alpha1
kind: KubeProxyConfiguration
clientConnection: {kubeconfig: $KUBECONFIG_FILE}
mode: iptables
clusterCIDR: $POD_CIDR
hostnameOverride: $NODE
bindAddress: $NODE_IP
metricsBindAddress: 127.0.0.1:10249
healthzBindAddress: 127.0.0.1:10256
nodePortAddresses: ["$NODE_IP/32"]
conntrack: {maxPerCore: 0, min: 0, tcpEstablishedTimeout: 0s, tcpCloseWaitTimeout: 0s}
EOF
}

cgroups_up() {
  local h path part
  mkdir -p "$C/run"
  echo "$CG" >"$C/run/cgroup"
  for h in /sys/fs/cgroup/*/; do
    [ -d "$h" ] || continue
    path=${h%/}
    # Each level in turn: a new cpuset cgroup needs its cpus and mems set before use.
    for part in $(echo "$CG/node" | tr / ' '); do
      if [ ! -d "$path/$part" ]; then
        mkdir "$path/$part"
        if [ -f "$path/cpuset.cpus" ]; then
          cat "$path/cpuset.cpus" >"$path/$part/cpuset.cpus"
          cat "$path/cpuset.mems" >"$path/$part/cpuset.mems"
        fi
      fi
      path="$path/$part"
    done
  done
}

namespaces_up() {
  ns_up && return 0
  [ -e "/run/netns/$NETNS" ] || ip netns add "$NETNS"
  ip -n "$NETNS" link set lo up
  if ! ip -n "$NETNS" link show cp0 >/dev/null 2>&1; then
    # The node's interface: one end of a veth pair whose other end stays inside too (this VM's
    # kernel has no dummy device).
    ip -n "$NETNS" link add cp0 type veth peer name cp1
    ip -n "$NETNS" addr add "$NODE_IP/24" dev cp0
    ip -n "$NETNS" link set cp1 up
    ip -n "$NETNS" link set cp0 up
    ip -n "$NETNS" route add default dev cp0
  fi
  ip netns exec "$NETNS" sysctl -qw net.ipv4.ip_forward=1
  mkdir -p "$NSDIR" "$C/run/netns"
  if ! mountpoint -q "$NSDIR"; then
    mount --bind "$NSDIR" "$NSDIR"
    mount --make-private "$NSDIR"
  fi
  # A mount namespace still bound here while the network namespace is gone was left by a run
  # that was cut short (and /run/netns emptied since): it is let go, not reused (touch fails on it
  # with "Operation not permitted", and a new one would be stacked on top of it).
  while mountpoint -q "$MNTNS" 2>/dev/null; do umount -l "$MNTNS"; done
  [ -e "$MNTNS" ] || : >"$MNTNS"
  # A private copy of the mount tree (shared inside, for kubelet's volume mounts), with the
  # cluster's own /var/lib, /var/log and /run.
  unshare --mount="$MNTNS" --propagation private sh -euc '
    mount --make-rshared /
    mount --bind "$1/varlib" /var/lib
    mount --bind "$1/varlog" /var/log
    mount -t tmpfs -o mode=755 cellpipe-run /run
    mkdir -p /run/netns /var/log/pods /var/log/containers
  ' sh "$C"
}

running() { [ -f "$C/run/$1.pid" ] && kill -0 "$(cat "$C/run/$1.pid")" 2>/dev/null; }

# start NAME CMD...: runs CMD inside the namespaces and the cgroup, logging to $C/logs/NAME.log.
start() {
  local name=$1
  shift
  running "$name" && return 0
  # shellcheck disable=SC2016
  # The cgroup is passed as $1 (the cpuset level may refuse a process; every other one takes it).
  nsenter --net="/run/netns/$NETNS" --mount="$MNTNS" -- setsid sh -c '
    cg=$1
    shift
    for h in /sys/fs/cgroup/*/; do
      [ -w "${h}${cg}/cgroup.procs" ] && echo $$ >"${h}${cg}/cgroup.procs" 2>/dev/null || true
    done
    exec "$@"' sh "$CG" "$@" >>"$C/logs/$name.log" 2>&1 </dev/null &
  echo $! >"$C/run/$name.pid"
}

wait_for() { # what seconds command...
  local what=$1 seconds=$2 until
  shift 2
  until=$((SECONDS + seconds))
  until "$@" >/dev/null 2>&1; do
    [ $SECONDS -lt $until ] || die "$what not ready after ${seconds}s (logs in $C/logs)"
    sleep 1
  done
}

manifests() {
  local m="$C/etc/manifests.yaml" i
  cat >"$m" <<EOF
apiVersion: v1
kind: Namespace
metadata: {name: argo}
---
apiVersion: v1
kind: Namespace
metadata:
  name: $E2E_NS
  labels:
    pod-security.kubernetes.io/enforce: restricted
    pod-security.kubernetes.io/enforce-version: latest
---
apiVersion: v1
kind: ConfigMap
metadata: {name: workflow-controller-configmap, namespace: argo}
data:
  executor: |
    imagePullPolicy: IfNotPresent
    securityContext:
      runAsNonRoot: true
      runAsUser: 8737
      runAsGroup: 8737
      allowPrivilegeEscalation: false
      readOnlyRootFilesystem: true
      capabilities: {drop: [ALL]}
      seccompProfile: {type: RuntimeDefault}
  # Step pods mount no token; Argo's own init/wait containers get this account's.
  workflowDefaults: |
    spec:
      executor:
        serviceAccountName: cellpipe-executor
---
apiVersion: v1
kind: ServiceAccount
metadata: {name: cellpipe-executor, namespace: $E2E_NS}
---
# Argo mounts the executor's token from this Secret (filled by the token controller).
apiVersion: v1
kind: Secret
metadata:
  name: cellpipe-executor.service-account-token
  namespace: $E2E_NS
  annotations: {kubernetes.io/service-account.name: cellpipe-executor}
type: kubernetes.io/service-account-token
---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: cellpipe-executor, namespace: $E2E_NS}
rules:
- apiGroups: [argoproj.io]
  resources: [workflowtaskresults]
  verbs: [create, patch]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: cellpipe-executor, namespace: $E2E_NS}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: cellpipe-executor}
subjects:
- {kind: ServiceAccount, name: cellpipe-executor, namespace: $E2E_NS}
---
apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata:
  name: cellpipe-local
  annotations: {storageclass.kubernetes.io/is-default-class: "true"}
provisioner: kubernetes.io/no-provisioner
reclaimPolicy: Retain
volumeBindingMode: Immediate
EOF
  # Static local volumes that uid 1000 (any uid) can write: one per run, recycled by `up`.
  for i in $(seq -w 1 "$PV_COUNT"); do
    if [ ! -d "$C/pv/pv-$i" ]; then
      mkdir -p "$C/pv/pv-$i"
      chmod 1777 "$C/pv/pv-$i"
    fi
    cat >>"$m" <<EOF
---
apiVersion: v1
kind: PersistentVolume
metadata: {name: cellpipe-pv-$i}
spec:
  capacity: {storage: 20Gi}
  accessModes: [ReadWriteOnce, ReadWriteMany]
  persistentVolumeReclaimPolicy: Retain
  storageClassName: cellpipe-local
  hostPath: {path: $C/pv/pv-$i, type: Directory}
EOF
  done
  apply apply "$(argo_src)/manifests/base/crds/full/"argoproj.io_*.yaml "$m"
}

argo_src() { echo "$ROOT/.cache/argo/$ARGO_VERSION/src"; }

recycle_pvs() {
  local name i
  for name in $(apply recycle-pvs cellpipe-pv-); do
    i=${name#cellpipe-pv-}
    rm -rf "$C/pv/pv-$i"
  done
}

# A cluster that is not running starts empty: no API objects (kine's database) and no volume data
# are kept from an earlier `up`, so every run of the tests sees the same cluster. Images stay.
fresh_state() {
  running kine && return 0
  rm -f "$C/varlib/kine.db" "$C/varlib/kine.db-wal" "$C/varlib/kine.db-shm"
  rm -rf "${C:?}/pv" && mkdir -p "$C/pv"
}

import_images() {
  local tar
  for tar in "$C"/images/*.tar; do
    if [ ! -f "$tar.imported" ] || [ "$tar" -nt "$tar.imported" ]; then
      in_ns ctr --address "$C/run/containerd.sock" -n k8s.io images import --no-unpack=false "$tar" >/dev/null
      touch "$tar.imported"
    fi
  done
}

up() {
  [ "$(id -u)" = 0 ] || die "needs root (namespaces, mounts, cgroups)"
  local start=$SECONDS
  build
  pki
  configs
  cgroups_up
  namespaces_up
  local d="$C/pki"
  fresh_state
  start kine "$KINE" --listen-address=127.0.0.1:2379 --metrics-bind-address=127.0.0.1:2380 \
    --endpoint="sqlite://$C/varlib/kine.db?_journal=WAL&cache=shared&_busy_timeout=30000"
  wait_for kine 60 in_ns bash -c 'exec 3<>/dev/tcp/127.0.0.1/2379'
  start kube-apiserver "$KUBE_BIN/kube-apiserver" --etcd-servers=http://127.0.0.1:2379 \
    --bind-address=0.0.0.0 --advertise-address=$NODE_IP --secure-port=6443 \
    --tls-cert-file="$d/apiserver.crt" --tls-private-key-file="$d/apiserver.key" \
    --client-ca-file="$d/ca.crt" --token-auth-file="$d/tokens.csv" \
    --authorization-mode=Node,RBAC \
    --service-account-key-file="$d/sa.pub" --service-account-signing-key-file="$d/sa.key" \
    --service-account-issuer=https://kubernetes.default.svc \
    --service-cluster-ip-range=$SVC_CIDR \
    --kubelet-client-certificate="$d/kubelet-client.crt" --kubelet-client-key="$d/kubelet-client.key" \
    --kubelet-preferred-address-types=InternalIP
  wait_for kube-apiserver 180 in_ns node -e "
    const https = require('https');
    https.get({host: '$NODE_IP', port: 6443, path: '/readyz', ca: require('fs').readFileSync('$d/ca.crt'),
      headers: {Authorization: 'Bearer $(cat "$d/admin.token")'}}, r => process.exit(r.statusCode === 200 ? 0 : 1))
      .on('error', () => process.exit(1));"
  start kube-controller-manager "$KUBE_BIN/kube-controller-manager" --kubeconfig="$KUBECONFIG_FILE" \
    --leader-elect=false --bind-address=127.0.0.1 \
    --service-account-private-key-file="$d/sa.key" --root-ca-file="$d/ca.crt" \
    --use-service-account-credentials=false
  start kube-scheduler "$KUBE_BIN/kube-scheduler" --kubeconfig="$KUBECONFIG_FILE" \
    --leader-elect=false --bind-address=127.0.0.1
  local containerd_log_from=1
  running containerd || containerd_log_from=$(($(wc -l 2>/dev/null <"$C/logs/containerd.log" || echo 0) + 1))
  start containerd containerd --config "$C/etc/containerd.toml"
  wait_for containerd 60 in_ns ctr --address "$C/run/containerd.sock" version
  # kubelet exits at once if the CRI service is still recovering its state ("server is not
  # initialized yet"); the CRI plugin logs this line just before it starts serving. (From the
  # log's first line when containerd was already running: some start of it logged the line.)
  wait_for "containerd's CRI" 120 bash -c \
    "tail -n +$containerd_log_from '$C/logs/containerd.log' | grep -q 'Start streaming server'"
  import_images
  start kubelet "$KUBE_BIN/kubelet" --config="$C/etc/kubelet.yaml" --kubeconfig="$KUBECONFIG_FILE" \
    --hostname-override=$NODE --node-ip=$NODE_IP
  start kube-proxy "$KUBE_BIN/kube-proxy" --config="$C/etc/kube-proxy.yaml"
  recycle_pvs
  manifests
  apply wait-crd workflows.argoproj.io workflowtaskresults.argoproj.io
  start workflow-controller env LEADER_ELECTION_DISABLE=true "$ARGO_BIN/workflow-controller" \
    --kubeconfig="$KUBECONFIG_FILE" --namespace=argo --configmap=workflow-controller-configmap \
    --executor-image="localhost/argoexec:$ARGO_VERSION" --executor-image-pull-policy=IfNotPresent
  apply wait-node
  apply wait-sa "$E2E_NS" default
  say "cluster ready ($((SECONDS - start))s): KUBECONFIG=$KUBECONFIG_FILE, namespace $E2E_NS; run clients with: bash scripts/cluster.sh exec CMD"
  echo "cluster ready"
}

down() {
  local name pid h f
  local pids=()
  for name in workflow-controller kube-proxy kubelet kube-scheduler kube-controller-manager kube-apiserver kine containerd; do
    if [ -f "$C/run/$name.pid" ]; then
      pid=$(cat "$C/run/$name.pid")
      kill "$pid" 2>/dev/null && pids+=("$pid")
      rm -f "$C/run/$name.pid"
    fi
  done
  # Those that do not stop on TERM within 15 s are killed.
  for _ in $(seq 15); do
    alive=0
    for pid in "${pids[@]}"; do kill -0 "$pid" 2>/dev/null && alive=1; done
    [ "$alive" = 1 ] || break
    sleep 1
  done
  for pid in "${pids[@]}"; do kill -9 "$pid" 2>/dev/null || true; done
  # What is left in our cgroups (containers, containerd shims): by process id.
  for _ in 1 2 3; do
    for f in $(find /sys/fs/cgroup/pids/$CG -name cgroup.procs 2>/dev/null); do
      for pid in $(cat "$f"); do kill -9 "$pid" 2>/dev/null || true; done
    done
    sleep 1
  done
  for h in /sys/fs/cgroup/*/; do
    [ -d "$h$CG" ] || continue
    find "$h$CG" -depth -type d -exec rmdir {} \; 2>/dev/null || true
    # The levels above it that cgroups_up made in the other hierarchies (empty ones only).
    if [ "$h" != /sys/fs/cgroup/memory/ ]; then
      f=${CG%/cellpipe-cluster}
      while [ -n "$f" ] && [ "$f" != "$CG" ] && rmdir "$h$f" 2>/dev/null; do
        [ "${f%/*}" = "$f" ] && break
        f=${f%/*}
      done
    fi
  done
  rm -f "$C/run/cgroup"
  if mountpoint -q "$MNTNS" 2>/dev/null; then umount "$MNTNS"; fi
  rm -f "$MNTNS"
  if mountpoint -q "$NSDIR" 2>/dev/null; then umount "$NSDIR"; fi
  rmdir "$NSDIR" 2>/dev/null || true
  [ -e "/run/netns/$NETNS" ] && ip netns del "$NETNS"
  say "down"
}

status() {
  local name pid running=0
  for name in kine kube-apiserver kube-controller-manager kube-scheduler containerd kubelet kube-proxy workflow-controller; do
    if [ -f "$C/run/$name.pid" ] && pid=$(cat "$C/run/$name.pid") && kill -0 "$pid" 2>/dev/null; then
      say "$name running (pid $pid)"
      running=$((running + 1))
    else
      say "$name stopped"
    fi
  done
  [ "$running" -gt 0 ] || return 1
}

# (Sourcing the file only defines the functions, for debugging a single part.)
[ "${BASH_SOURCE[0]}" = "$0" ] || return 0
case "${1:-}" in
  build) build ;;
  up) up ;;
  down) down ;;
  status) status ;;
  missing-tools) missing_tools && echo ;;
  exec)
    shift
    ns_up || die "the cluster is not up (bash scripts/cluster.sh up)"
    exec nsenter --net="/run/netns/$NETNS" -- env KUBECONFIG="$KUBECONFIG_FILE" "$@"
    ;;
  *) die "usage: cluster.sh build|up|down|status|missing-tools|exec CMD..." ;;
esac
