# The real worker node of the local stack (sourced by up.sh and down.sh): a local OCI
# registry with the stack's own images, containerd with runc and gVisor (runsc), a
# kubelet, kube-proxy, kube-router's NetworkPolicy firewall, CoreDNS on a node-local
# address and Traefik as the ingress controller. Why each piece: docs/decisions/005.
# Every agent runs as a host process with its own certificate or token, like a kubeadm
# node minus systemd. State lives in $NODE_DIR; stop_node leaves nothing running or mounted.

NODE_DIR="$DATA/node"
NODE_ETC="$NODE_DIR/etc"
NODE_PKI="$NODE_DIR/pki"
CONTAINERD_SOCK="$NODE_DIR/run/containerd.sock"
CNI_BIN_DIR="${CANOPY_CNI_BIN_DIR:-/usr/lib/cni}"
# Pod addresses of the real node; kwok's simulated pods use 10.244.0.0/16.
POD_CIDR="10.246.0.0/24"
SERVICE_CIDR="10.96.0.0/16"
# Cluster DNS listens on a node-local address of its own, as NodeLocal DNSCache does.
DNS_IP="169.254.20.10"
DNS_LINK="canopy-dns"
# RuntimeClass gvisor places pods here (scripts/stack/manifests/cluster.yaml).
SANDBOX_LABEL="sandbox.canopy.dev/runtime"

# One file per part, in scripts/stack/node/.
source "$(dirname "${BASH_SOURCE[0]}")/node/pki.sh"        # identities and kubeconfigs
source "$(dirname "${BASH_SOURCE[0]}")/node/registry.sh"   # the image registry
source "$(dirname "${BASH_SOURCE[0]}")/node/containerd.sh" # containerd, runc, gVisor, CNI
source "$(dirname "${BASH_SOURCE[0]}")/node/kubelet.sh"    # the kubelet, Ready
source "$(dirname "${BASH_SOURCE[0]}")/node/network.sh"    # kube-proxy, kube-router, CoreDNS
source "$(dirname "${BASH_SOURCE[0]}")/node/ingress.sh"    # Traefik
source "$(dirname "${BASH_SOURCE[0]}")/node/stop.sh"       # stop_node, node_leftovers

node_ip() {
  local ip
  ip="$(ip -4 route get 1.1.1.1 2>/dev/null | sed -n 's/.* src \([0-9.]*\).*/\1/p')"
  [ -n "$ip" ] || ip="$(hostname -I 2>/dev/null | awk '{print $1}')"
  [ -n "$ip" ] || die "cannot tell this machine's IPv4 address (ip -4 route get 1.1.1.1)"
  echo "$ip"
}

# Refuses to start with the missing piece named, and what provides it.
check_node_prerequisites() {
  local missing=() cmd pkg
  [ "$(id -u)" = 0 ] || die "the real node needs root (kubelet, containerd, iptables); run as root"
  for pair in runc:runc iptables:iptables ipset:ipset conntrack:conntrack docker-registry:docker-registry \
    umoci:umoci skopeo:skopeo python3:python3; do
    cmd="${pair%%:*}" pkg="${pair#*:}"
    command -v "$cmd" >/dev/null || missing+=("$cmd (apt-get install $pkg)")
  done
  [ -x "$CNI_BIN_DIR/bridge" ] && [ -x "$CNI_BIN_DIR/host-local" ] && [ -x "$CNI_BIN_DIR/portmap" ] ||
    missing+=("CNI plugins in $CNI_BIN_DIR (apt-get install containernetworking-plugins)")
  [ -x /bin/busybox ] || missing+=("busybox (apt-get install busybox-static)")
  grep -qw overlay /proc/filesystems || missing+=("overlay filesystem (modprobe overlay)")
  [ -e /proc/sys/net/bridge/bridge-nf-call-iptables ] || missing+=("bridge netfilter (modprobe br_netfilter)")
  [ -w /sys/fs/cgroup/memory ] || [ -w /sys/fs/cgroup/cgroup.procs ] || missing+=("a writable cgroup hierarchy under /sys/fs/cgroup")
  if [ ${#missing[@]} -gt 0 ]; then
    printf '[stack] error: the real node cannot start; missing:\n' >&2
    printf '  - %s\n' "${missing[@]}" >&2
    exit 1
  fi
}

start_node() {
  start_registry
  start_containerd
  start_kubelet
  start_kube_proxy
  start_kube_router
  start_coredns
  start_traefik
}
