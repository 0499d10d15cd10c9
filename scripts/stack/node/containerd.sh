# The node's container runtime: containerd with runc and gVisor (runsc), its registry
# mirror and the CNI bridge network (sourced through scripts/stack/node.sh).

start_containerd() {
  local etc="$NODE_ETC/containerd"
  mkdir -p "$etc/certs.d/$REGISTRY" "$NODE_ETC/cni" "$NODE_DIR/run" "$NODE_DIR/cni-ipam"
  # The bridge plugin turns IP forwarding on; stop_node puts back what was there.
  [ -f "$NODE_DIR/ip_forward.before" ] || sysctl -n net.ipv4.ip_forward >"$NODE_DIR/ip_forward.before"
  cat >"$etc/certs.d/$REGISTRY/hosts.toml" <<TOML
server = "http://$REGISTRY"
[host."http://$REGISTRY"]
  capabilities = ["pull", "resolve"]
TOML
  # gVisor on its systrap platform: the KVM platform hangs on these VMs (no nested virtualisation).
  cat >"$etc/runsc.toml" <<TOML
[runsc_config]
  platform = "systrap"
  root = "$NODE_DIR/run/runsc"
TOML
  cat >"$etc/config.toml" <<TOML
version = 3
root = "$NODE_DIR/containerd"
state = "$NODE_DIR/run/containerd"
[grpc]
  address = "$CONTAINERD_SOCK"
[ttrpc]
  address = "$CONTAINERD_SOCK.ttrpc"
[metrics]
  address = ""
[plugins."io.containerd.internal.v1.opt"]
  path = "$NODE_DIR/containerd-opt"
[plugins."io.containerd.cri.v1.images"]
  snapshotter = "overlayfs"
  [plugins."io.containerd.cri.v1.images".pinned_images]
    sandbox = "$REGISTRY/canopy/pause:3.10.1"
  [plugins."io.containerd.cri.v1.images".registry]
    config_path = "$etc/certs.d"
[plugins."io.containerd.cri.v1.runtime"]
  # Root on these VMs lacks CAP_SYS_RESOURCE: runc may not lower a sandbox's oom_score_adj.
  restrict_oom_score_adj = true
  enable_unprivileged_ports = true
  enable_unprivileged_icmp = true
  [plugins."io.containerd.cri.v1.runtime".containerd]
    default_runtime_name = "runc"
    [plugins."io.containerd.cri.v1.runtime".containerd.runtimes.runc]
      runtime_type = "io.containerd.runc.v2"
      [plugins."io.containerd.cri.v1.runtime".containerd.runtimes.runc.options]
        SystemdCgroup = false
    [plugins."io.containerd.cri.v1.runtime".containerd.runtimes.runsc]
      runtime_type = "io.containerd.runsc.v1"
      [plugins."io.containerd.cri.v1.runtime".containerd.runtimes.runsc.options]
        TypeUrl = "io.containerd.runsc.v1.options"
        ConfigPath = "$etc/runsc.toml"
  [plugins."io.containerd.cri.v1.runtime".cni]
    bin_dirs = ["$CNI_BIN_DIR"]
    conf_dir = "$NODE_ETC/cni"
TOML
  cat >"$NODE_ETC/cni/10-canopy.conflist" <<JSON
{
  "cniVersion": "1.0.0",
  "name": "canopy",
  "plugins": [
    {
      "type": "bridge", "bridge": "cni0", "isGateway": true, "ipMasq": true, "hairpinMode": true,
      "ipam": {"type": "host-local", "dataDir": "$NODE_DIR/cni-ipam", "ranges": [[{"subnet": "$POD_CIDR"}]], "routes": [{"dst": "0.0.0.0/0"}]}
    },
    {"type": "portmap", "capabilities": {"portMappings": true}}
  ]
}
JSON
  # Shims and runsc are found on PATH: the built ones first, Debian's runc after.
  start_process containerd env PATH="$NODE_BIN:$PATH" "$NODE_BIN/containerd" --config "$etc/config.toml"
  wait_until containerd 30 "$NODE_BIN/ctr" --address "$CONTAINERD_SOCK" version
}
