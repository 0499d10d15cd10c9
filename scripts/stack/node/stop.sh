# Stopping the node and checking that it left nothing behind (sourced through
# scripts/stack/node.sh).

# Stops the node like a reboot with an ephemeral disk: every container killed, every mount,
# interface, iptables chain, ipset and cgroup it made removed, IP forwarding as it was.
# The Node object and its pods stay: the kubelet starts them again on the next stack:up.
# Images come back from the local registry, whose storage is kept.
stop_node() {
  # Best effort all the way down: one step failing must not leave the rest undone
  # (node_leftovers then says what is left).
  local -
  set +e +o pipefail
  local bin="${NODE_BIN:-}"
  [ -n "$bin" ] || bin="$(ls -d "${CANOPY_CACHE_DIR:-$HOME/.cache/canopy}"/node/*/bin 2>/dev/null | tail -n 1)"
  for name in traefik coredns kube-router kube-proxy kubelet; do stop_process "$name"; done
  if [ -x "$bin/kube-router" ]; then "$bin/kube-router" --cleanup-config >/dev/null 2>&1 || true; fi
  if [ -x "$bin/kube-proxy" ]; then "$bin/kube-proxy" --cleanup >/dev/null 2>&1 || true; fi
  if pid_alive containerd && [ -x "$bin/ctr" ]; then
    local task
    for task in $("$bin/ctr" --address "$CONTAINERD_SOCK" -n k8s.io tasks ls -q 2>/dev/null); do
      "$bin/ctr" --address "$CONTAINERD_SOCK" -n k8s.io tasks kill -s SIGKILL "$task" >/dev/null 2>&1 || true
    done
    sleep 1
  fi
  stop_process containerd
  # Shims outlive containerd by design; ours are the ones that name our socket.
  pkill -KILL -f "containerd-shim-run[a-z]+-v[12] .*$CONTAINERD_SOCK" 2>/dev/null
  pkill -KILL -f "runsc.* --root[= ]$NODE_DIR/run/runsc" 2>/dev/null
  stop_process registry
  # Mounts: the kubelet's root (bind-mounted onto itself), volumes, rootfs overlays, shm.
  local mount
  findmnt -rn -o TARGET | grep "^$NODE_DIR/" | sort -r | while read -r mount; do umount -l "$mount" 2>/dev/null || true; done
  for mount in /var/run/netns/cni-*; do [ -e "$mount" ] && { umount "$mount" 2>/dev/null; rm -f "$mount"; }; done
  # Network: the bridge and its veths, the DNS address, CNI's masquerade and hostport chains.
  if ip link show cni0 >/dev/null 2>&1; then
    local veth
    for veth in $(ip -o link show master cni0 | awk -F': ' '{print $2}' | cut -d@ -f1); do ip link del "$veth" 2>/dev/null || true; done
    ip link del cni0 2>/dev/null || true
  fi
  ip link del "$DNS_LINK" 2>/dev/null || true
  # One save, filter and restore per table: the CNI's, kube-router's and the pod guard's chains, their rules
  # and every jump to them go at once. (Deleting rule by rule re-listed the whole table for
  # each of thousands of chains: a long-lived stack took more than 15 minutes to stop.)
  local table
  for table in nat filter mangle raw; do
    iptables-save -t "$table" 2>/dev/null |
      awk '/^:(CNI-|KUBE-|CANOPY-)/ || /^-A (CNI-|KUBE-|CANOPY-)/ || /-[jg] (CNI-|KUBE-|CANOPY-)[^ ]*( |$)/ {next} {print}' |
      iptables-restore 2>/dev/null || true
  done
  local set
  for set in $(ipset list -n 2>/dev/null | grep -E '^(KUBE-|kube-router)'); do ipset destroy "$set" 2>/dev/null || true; done
  if [ -f "$NODE_DIR/ip_forward.before" ]; then
    sysctl -qw net.ipv4.ip_forward="$(cat "$NODE_DIR/ip_forward.before")" || true
    rm -f "$NODE_DIR/ip_forward.before"
  fi
  # cgroup v1: each controller holds its own kubepods tree.
  local cg
  for cg in /sys/fs/cgroup/*/kubepods /sys/fs/cgroup/*/kubepods.slice; do
    [ -d "$cg" ] && find "$cg" -depth -type d -exec rmdir {} \; 2>/dev/null || true
  done
  # Runtime state goes, as after a reboot: containers, pod sandboxes, address leases.
  rm -rf "$NODE_DIR/containerd" "$NODE_DIR/containerd-opt" "$NODE_DIR/run" "$NODE_DIR/kubelet" "$NODE_DIR/cni-ipam" /run/containerd/s /run/containerd/runc /run/containerd/runsc
  rmdir /run/containerd 2>/dev/null || true
}

# What stop_node must not leave behind; prints each leftover and fails if there is one.
node_leftovers() {
  local found=0 NODE_BIN_GLOB="${CANOPY_CACHE_DIR:-$HOME/.cache/canopy}/node/"
  if findmnt -rn -o TARGET | grep -q "^$NODE_DIR/"; then echo "mounts under $NODE_DIR"; found=1; fi
  if ip link show cni0 >/dev/null 2>&1 || ip link show "$DNS_LINK" >/dev/null 2>&1; then echo "interfaces cni0/$DNS_LINK"; found=1; fi
  if iptables -w -t nat -S 2>/dev/null | grep -qE '^-N (CNI-|KUBE-|CANOPY-)' || iptables -w -S 2>/dev/null | grep -qE '^-N (CNI-|KUBE-|CANOPY-)'; then echo "iptables chains CNI-*/KUBE-*/CANOPY-*"; found=1; fi
  if ipset list -n 2>/dev/null | grep -qE '^(KUBE-|kube-router)'; then echo "ipsets"; found=1; fi
  if pgrep -f "$NODE_DIR/|$NODE_BIN_GLOB|containerd-shim-run|runsc-(sandbox|gofer)" >/dev/null; then
    echo "processes: $(pgrep -af "$NODE_DIR/|$NODE_BIN_GLOB|containerd-shim-run|runsc-(sandbox|gofer)" | cut -c1-80 | paste -sd ';')"
    found=1
  fi
  return $found
}
