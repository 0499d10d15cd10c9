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

# A certificate signed by the stack's CA, with a random serial (the CA's serial file stays as it is).
sign_node_cert() { # name subject extensions
  local dir="$NODE_PKI"
  openssl req -newkey rsa:2048 -nodes -keyout "$dir/$1.key" -out "$dir/$1.csr" -subj "$2" 2>/dev/null
  printf '%b\n' "$3" >"$dir/$1.ext"
  openssl x509 -req -in "$dir/$1.csr" -CA "$PKI/ca.crt" -CAkey "$PKI/ca.key" \
    -set_serial "0x$(openssl rand -hex 16)" -days 3650 -extfile "$dir/$1.ext" -out "$dir/$1.crt" 2>/dev/null
  rm -f "$dir/$1.csr" "$dir/$1.ext"
}

# Identities of the node's agents. The apiserver's kubelet client certificate is made here
# too, before the apiserver starts, since its flags name it.
make_node_pki() {
  local ip; ip="$(node_ip)"
  mkdir -p "$NODE_PKI"
  [ -f "$NODE_PKI/apiserver-kubelet-client.crt" ] ||
    sign_node_cert apiserver-kubelet-client "/CN=canopy:apiserver-kubelet-client" "extendedKeyUsage=clientAuth"
  [ -f "$NODE_PKI/kubelet-client.crt" ] ||
    sign_node_cert kubelet-client "/O=system:nodes/CN=system:node:$NODE_NAME" "extendedKeyUsage=clientAuth"
  # The serving certificate names the node's address, which can change between machines.
  if ! openssl x509 -in "$NODE_PKI/kubelet-serving.crt" -noout -ext subjectAltName 2>/dev/null | grep -q "IP Address:$ip\b"; then
    sign_node_cert kubelet-serving "/O=system:nodes/CN=system:node:$NODE_NAME" \
      "subjectAltName=DNS:$NODE_NAME,IP:$ip\nextendedKeyUsage=serverAuth"
  fi
  local agent
  for agent in kube-proxy:system:kube-proxy kube-router:canopy:kube-router coredns:canopy:coredns; do
    [ -f "$NODE_PKI/${agent%%:*}.crt" ] || sign_node_cert "${agent%%:*}" "/CN=${agent#*:}" "extendedKeyUsage=clientAuth"
  done
}

node_kubeconfig() { # file cert-name
  cat >"$1" <<KUBECONFIG
apiVersion: v1
kind: Config
clusters:
- name: canopy-local
  cluster: {server: "https://127.0.0.1:$APISERVER_PORT", certificate-authority: "$PKI/ca.crt"}
users:
- name: $2
  user: {client-certificate: "$NODE_PKI/$2.crt", client-key: "$NODE_PKI/$2.key"}
contexts:
- name: canopy-local
  context: {cluster: canopy-local, user: $2}
current-context: canopy-local
KUBECONFIG
  chmod 600 "$1"
}

start_registry() {
  mkdir -p "$NODE_ETC" "$DATA/registry"
  cat >"$NODE_ETC/registry.yml" <<YML
version: 0.1
log: {level: warn, accesslog: {disabled: true}}
storage:
  filesystem: {rootdirectory: $DATA/registry}
  delete: {enabled: true}
http:
  addr: $REGISTRY
YML
  start_process registry docker-registry serve "$NODE_ETC/registry.yml"
  wait_until registry 30 curl -sf "http://$REGISTRY/v2/"
  CANOPY_REGISTRY="$REGISTRY" bash "$ROOT/scripts/stack/images.sh"
}

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

start_kubelet() {
  local ip dir="$NODE_ETC/kubelet"
  ip="$(node_ip)"
  mkdir -p "$dir" "$NODE_DIR/kubelet"
  node_kubeconfig "$dir/kubeconfig" kubelet-client
  # The kubelet answers only callers the apiserver vouches for (webhook authn/authz) and
  # the apiserver checks its serving certificate (--kubelet-certificate-authority).
  cat >"$dir/config.yaml" <<YML
apiVersion: kubelet.config.k8s.io/v1beta1
kind: KubeletConfiguration
address: $ip
port: 10250
readOnlyPort: 0
healthzBindAddress: 127.0.0.1
healthzPort: 10248
tlsCertFile: $NODE_PKI/kubelet-serving.crt
tlsPrivateKeyFile: $NODE_PKI/kubelet-serving.key
authentication:
  anonymous: {enabled: false}
  webhook: {enabled: true}
  x509: {clientCAFile: $PKI/ca.crt}
authorization:
  mode: Webhook
cgroupDriver: cgroupfs
failCgroupV1: false
failSwapOn: false
containerRuntimeEndpoint: unix://$CONTAINERD_SOCK
imageServiceEndpoint: unix://$CONTAINERD_SOCK
clusterDomain: cluster.local
clusterDNS: [$DNS_IP]
resolvConf: /etc/resolv.conf
registerNode: true
registerWithTaints:
- {key: $SANDBOX_LABEL, value: gvisor, effect: NoSchedule}
maxPods: 110
serializeImagePulls: false
rotateCertificates: false
serverTLSBootstrap: false
evictionHard: {memory.available: "500Mi", nodefs.available: "5%", imagefs.available: "5%"}
imageGCHighThresholdPercent: 95
imageGCLowThresholdPercent: 90
containerLogMaxSize: 10Mi
YML
  # A containerd that has just started may still refuse CRI calls ("server is not
  # initialized yet"), and the kubelet gives up at once then: start it again until it stays.
  local attempt
  for attempt in 1 2 3 4 5; do
    start_process kubelet "$NODE_BIN/kubelet" --config "$dir/config.yaml" --kubeconfig "$dir/kubeconfig" \
      --root-dir "$NODE_DIR/kubelet" --hostname-override "$NODE_NAME" --node-ip "$ip" \
      --node-labels "$SANDBOX_LABEL=gvisor,canopy.dev/node=real" --v 1
    local deadline=$((SECONDS + 30))
    until curl -sf http://127.0.0.1:10248/healthz >/dev/null 2>&1 || ! pid_alive kubelet || [ $SECONDS -ge $deadline ]; do sleep 0.2; done
    curl -sf http://127.0.0.1:10248/healthz >/dev/null 2>&1 && break
    log "kubelet did not come up (attempt $attempt): $(grep -E '^E' "$LOGS/kubelet.log" | tail -n 1)"
    stop_process kubelet
    sleep 1
  done
  wait_until "node $NODE_NAME" 60 node_ready
}

# Ready, with a lease the kubelet renewed in the last 30 s (a Ready left over from before a
# restart does not count).
node_ready() {
  local admin="$KUBE/admin.kubeconfig" renewed
  kubectl --kubeconfig "$admin" get node "$NODE_NAME" \
    -o jsonpath='{.status.conditions[?(@.type=="Ready")].status}' 2>/dev/null | grep -qx True || return 1
  renewed="$(kubectl --kubeconfig "$admin" -n kube-node-lease get lease "$NODE_NAME" -o jsonpath='{.spec.renewTime}' 2>/dev/null)"
  [ -n "$renewed" ] && [ $(($(date +%s) - $(date -d "$renewed" +%s))) -le 30 ]
}

start_kube_proxy() {
  node_kubeconfig "$NODE_ETC/kube-proxy.kubeconfig" kube-proxy
  start_process kube-proxy "$NODE_BIN/kube-proxy" --kubeconfig "$NODE_ETC/kube-proxy.kubeconfig" \
    --hostname-override "$NODE_NAME" --proxy-mode iptables --cluster-cidr "$POD_CIDR" \
    --iptables-localhost-nodeports=false --conntrack-max-per-core 0 \
    --metrics-bind-address 127.0.0.1:10249 --healthz-bind-address 127.0.0.1:10256 --v 1
}

start_kube_router() {
  node_kubeconfig "$NODE_ETC/kube-router.kubeconfig" kube-router
  start_process kube-router "$NODE_BIN/kube-router" --kubeconfig "$NODE_ETC/kube-router.kubeconfig" \
    --hostname-override "$NODE_NAME" \
    --run-firewall=true --run-router=false --run-service-proxy=false --enable-cni=false \
    --enable-ipv4=true --enable-ipv6=false --service-cluster-ip-range "$SERVICE_CIDR" \
    --metrics-port 0 --health-port 20244 --iptables-sync-period 1m --v 1
  wait_until kube-router 60 curl -sf http://127.0.0.1:20244/healthz
}

# Cluster DNS: CoreDNS for cluster.local on a dummy interface's node-local address, which
# pods reach through their default route (the kubelet hands it out as clusterDNS).
start_coredns() {
  # NodeLocal DNSCache uses a dummy interface; this kernel has no dummy driver, and a
  # bridge without ports holds an address just as well.
  if ! ip link show "$DNS_LINK" >/dev/null 2>&1; then
    ip link add "$DNS_LINK" type bridge
    ip link set "$DNS_LINK" addrgenmode none
    ip addr add "$DNS_IP/32" dev "$DNS_LINK"
    ip link set "$DNS_LINK" up
  fi
  node_kubeconfig "$NODE_ETC/coredns.kubeconfig" coredns
  cat >"$NODE_ETC/Corefile" <<COREFILE
.:53 {
    bind $DNS_IP
    errors
    health 127.0.0.1:20253
    ready 127.0.0.1:20254
    kubernetes cluster.local in-addr.arpa ip6.arpa {
        kubeconfig $NODE_ETC/coredns.kubeconfig canopy-local
        pods insecure
        fallthrough in-addr.arpa ip6.arpa
        ttl 30
    }
    forward . /etc/resolv.conf {
        max_fails 1
        max_connect_attempts 2
        read_timeout 1s
        failfast_all_unhealthy_upstreams
    }
    cache 30
    loop
    loadbalance
}
COREFILE
  start_process coredns "$NODE_BIN/coredns" -conf "$NODE_ETC/Corefile"
  wait_until coredns 30 curl -sf http://127.0.0.1:20254/ready
}

# The ingress controller: Traefik's Kubernetes Ingress provider, as ServiceAccount
# canopy-system/canopy-ingress (manifests/node/ingress.yaml). Its token is minted at every
# start; Traefik takes it only from its configuration, so the file is private.
start_traefik() {
  if pid_alive traefik; then
    log "traefik already running (pid $(cat "$RUN/traefik.pid"))"
    return 0
  fi
  local token
  token="$(kubectl --kubeconfig "$KUBE/admin.kubeconfig" -n canopy-system create token canopy-ingress --duration 720h)"
  ( umask 077
    cat >"$NODE_ETC/traefik.yml" <<YML
global: {checkNewVersion: false, sendAnonymousUsage: false}
log: {level: WARN}
entryPoints:
  web: {address: "$INGRESS_HTTP"}
  websecure: {address: "$INGRESS_HTTPS", http: {tls: {}}}
  traefik: {address: "127.0.0.1:20280"}
ping: {entryPoint: traefik}
providers:
  providersThrottleDuration: 200ms
  kubernetesIngress:
    allowEmptyServices: true
    endpoint: "https://127.0.0.1:$APISERVER_PORT"
    token: "$token"
    certAuthFilePath: "$PKI/ca.crt"
YML
  )
  # KUBECONFIG (the admin's, when the stack's settings are loaded) would win over the token.
  start_process traefik env -u KUBECONFIG "$NODE_BIN/traefik" --configFile "$NODE_ETC/traefik.yml"
  wait_until traefik 30 curl -sf http://127.0.0.1:20280/ping
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
  local table chain
  for table in nat filter mangle raw; do
    for chain in $(iptables -w -t "$table" -S 2>/dev/null | awk '/^-N (CNI-|KUBE-)/{print $2}'); do
      iptables -w -t "$table" -S | grep -E -- "-j $chain( |$)" | sed 's/^-A/-D/' |
        while read -r rule; do eval iptables -w -t "$table" "$rule" 2>/dev/null || true; done
    done
    for chain in $(iptables -w -t "$table" -S 2>/dev/null | awk '/^-N (CNI-|KUBE-)/{print $2}'); do iptables -w -t "$table" -F "$chain" 2>/dev/null || true; done
    for chain in $(iptables -w -t "$table" -S 2>/dev/null | awk '/^-N (CNI-|KUBE-)/{print $2}'); do iptables -w -t "$table" -X "$chain" 2>/dev/null || true; done
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
  if iptables -w -t nat -S 2>/dev/null | grep -qE '^-N (CNI-|KUBE-)' || iptables -w -S 2>/dev/null | grep -qE '^-N (CNI-|KUBE-)'; then echo "iptables chains CNI-*/KUBE-*"; found=1; fi
  if ipset list -n 2>/dev/null | grep -qE '^(KUBE-|kube-router)'; then echo "ipsets"; found=1; fi
  if pgrep -f "$NODE_DIR/|$NODE_BIN_GLOB|containerd-shim-run|runsc-(sandbox|gofer)" >/dev/null; then
    echo "processes: $(pgrep -af "$NODE_DIR/|$NODE_BIN_GLOB|containerd-shim-run|runsc-(sandbox|gofer)" | cut -c1-80 | paste -sd ';')"
    found=1
  fi
  return $found
}
