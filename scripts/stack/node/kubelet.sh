# The node's kubelet, and when the node counts as Ready (sourced through
# scripts/stack/node.sh).

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
# Pod stats from the CRI (containerd) rather than cAdvisor: cAdvisor cannot see into gVisor's
# sandboxes, so without this the Summary API has no network stats for tenant pods (the meter's
# bytes received and sent). containerd reads them from the pod's network namespace.
featureGates:
  PodAndContainerStatsFromCRI: true
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
