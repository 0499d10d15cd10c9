# The node's network agents: kube-proxy for Services, kube-router's NetworkPolicy
# firewall and CoreDNS on a node-local address (sourced through scripts/stack/node.sh).

start_kube_proxy() {
  node_kubeconfig "$NODE_ETC/kube-proxy.kubeconfig" kube-proxy
  start_process kube-proxy "$NODE_BIN/kube-proxy" --kubeconfig "$NODE_ETC/kube-proxy.kubeconfig" \
    --hostname-override "$NODE_NAME" --proxy-mode iptables --cluster-cidr "$POD_CIDR" \
    --iptables-localhost-nodeports=false --conntrack-max-per-core 0 \
    --metrics-bind-address 127.0.0.1:10249 --healthz-bind-address 127.0.0.1:10256 --v 1
}

start_kube_router() {
  # A test that paused kube-router (tests/support/node-firewall.ts) and died leaves it stopped.
  if pid_alive kube-router; then kill -CONT "$(cat "$RUN/kube-router.pid")" 2>/dev/null || true; fi
  node_kubeconfig "$NODE_ETC/kube-router.kubeconfig" kube-router
  start_process kube-router "$NODE_BIN/kube-router" --kubeconfig "$NODE_ETC/kube-router.kubeconfig" \
    --hostname-override "$NODE_NAME" \
    --run-firewall=true --run-router=false --run-service-proxy=false --enable-cni=false \
    --enable-ipv4=true --enable-ipv6=false --service-cluster-ip-range "$SERVICE_CIDR" \
    --metrics-port 0 --health-port 20244 --iptables-sync-period 1m --v 1
  wait_until kube-router 60 curl -sf http://127.0.0.1:20244/healthz
  start_pod_guard
}

# Fail closed until kube-router knows a pod. kube-router programs a new pod's firewall chain
# in its next full sync, seconds after the pod has its address (upstream issue #873), and
# lets the pod's traffic through until then. Kubernetes requires policies to be in force
# from a pod's first instant, so forwarded traffic from or to a pod address that no pod
# chain has accepted (kube-router marks what it accepts with 0x20000 and ACCEPTs it in its
# own chain, which runs first) is refused here. The node's own traffic to pods (Traefik,
# probes) is not forwarded and never reaches this chain.
start_pod_guard() {
  # Filled only when made: flushing a running guard would open it for a moment. iptables-nft
  # can refuse a command for a moment while kube-router rewrites the table ("incompatible"),
  # so a chain that neither exists nor could be made is tried again.
  local attempt
  for attempt in 1 2 3 4 5 6 7 8 9 10; do
    iptables -w -S CANOPY-POD-GUARD >/dev/null 2>&1 && break
    if iptables -w -N CANOPY-POD-GUARD 2>/dev/null; then
      iptables -w -A CANOPY-POD-GUARD -m addrtype --src-type LOCAL -j RETURN
      iptables -w -A CANOPY-POD-GUARD -s "$POD_CIDR" -m comment --comment "pod not yet known to the firewall" -j REJECT
      iptables -w -A CANOPY-POD-GUARD -d "$POD_CIDR" -m comment --comment "pod not yet known to the firewall" -j REJECT
      break
    fi
    sleep 1
  done
  # Right after kube-router's jump, which it keeps first, and before kube-proxy's rules, which
  # kube-proxy prepends when it first syncs: so only once both agents have written theirs.
  wait_until "kube-router's and kube-proxy's FORWARD rules" 120 forward_rules_written
  [ "$(iptables -w -S FORWARD | sed -n 3p)" = "-A FORWARD -j CANOPY-POD-GUARD" ] && return
  iptables -w -I FORWARD 2 -j CANOPY-POD-GUARD
  # A guard left further down by an earlier start: the first one is in place, drop the other.
  local line
  line="$(iptables -w -S FORWARD | grep -n -- "^-A FORWARD -j CANOPY-POD-GUARD$" | sed -n 2p | cut -d: -f1)"
  if [ -n "$line" ]; then iptables -w -D FORWARD $((line - 1)); fi
}

forward_rules_written() {
  local rules
  rules="$(iptables -w -S FORWARD)"
  grep -q -- "-j KUBE-ROUTER-FORWARD" <<<"$rules" && grep -q -- "-j KUBE-FORWARD" <<<"$rules"
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
