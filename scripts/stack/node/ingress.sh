# The node's ingress controller (sourced through scripts/stack/node.sh).

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
