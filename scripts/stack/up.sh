#!/usr/bin/env bash
# Starts the local stack in the background: PostgreSQL, etcd, kube-apiserver,
# kube-controller-manager, kube-scheduler, kwok (simulated nodes), one real worker node
# (scripts/stack/node.sh: registry, containerd, gVisor, kubelet, kube-proxy, kube-router,
# CoreDNS, Traefik), the development OpenID Connect provider and the development volume
# resizer. Idempotent: what already runs is left alone. State lives in .data/ and the
# settings the portal needs are written to .data/stack.env.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/pki.sh"
source "$(dirname "$0")/node.sh"

mkdir -p "$RUN" "$LOGS" "$KUBE"
cd "$ROOT"
[ -x node_modules/.bin/tsx ] || die "node_modules is missing: run npm ci first"
check_node_prerequisites

# Secrets made once per machine checkout; never committed.
SECRETS="$DATA/secrets.env"
if [ ! -f "$SECRETS" ]; then
  umask 077
  {
    echo "NEXTAUTH_SECRET=$(openssl rand -base64 32)"
    echo "DEV_OIDC_CLIENT_SECRET=$(openssl rand -hex 24)"
  } >"$SECRETS"
  umask 022
fi
source "$SECRETS"

BIN_DIR="$(bash scripts/stack/build-control-plane.sh)/bin"
NODE_BIN="$(bash scripts/stack/build-node.sh)/bin"
STAGES="$(dirname "$BIN_DIR")/kwok-stages"

start_postgres() {
  local bin pgdata="$DATA/postgres" user
  bin="$(pg_bin_dir)"
  user="$(pg_os_user)"
  if [ "$(id -u)" = 0 ] && ! id "$user" >/dev/null 2>&1; then useradd --system --no-create-home "$user"; fi
  if [ ! -f "$pgdata/PG_VERSION" ]; then
    log "initialising PostgreSQL in $pgdata"
    mkdir -p "$pgdata" && chown "$user" "$pgdata" && chmod 700 "$pgdata"
    as_pg_user "$bin/initdb" -D "$pgdata" -U canopy --auth=trust --encoding=UTF8 --locale=C.UTF-8 >"$LOGS/postgres-init.log"
  fi
  if as_pg_user "$bin/pg_ctl" -D "$pgdata" status >/dev/null 2>&1; then
    log "postgres already running"
  else
    log "starting postgres on 127.0.0.1:$PG_PORT"
    touch "$LOGS/postgres.log" && chown "$user" "$LOGS/postgres.log"
    as_pg_user "$bin/pg_ctl" -D "$pgdata" -l "$LOGS/postgres.log" -w -t 60 \
      -o "-p $PG_PORT -k $pgdata -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200" start >/dev/null
  fi
  wait_until postgres 60 "$bin/pg_isready" -h 127.0.0.1 -p "$PG_PORT"
  for db in canopy canopy_test; do
    "$bin/psql" -h 127.0.0.1 -p "$PG_PORT" -U canopy -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname='$db'" | grep -q 1 ||
      "$bin/psql" -h 127.0.0.1 -p "$PG_PORT" -U canopy -d postgres -qc "CREATE DATABASE $db" >/dev/null
  done
}

apiserver_ready() {
  curl -sf --cacert "$PKI/ca.crt" --cert "$PKI/admin.crt" --key "$PKI/admin.key" \
    "https://127.0.0.1:$APISERVER_PORT/readyz" >/dev/null
}

start_control_plane() {
  make_pki
  make_node_pki
  write_kubeconfig "$KUBE/admin.kubeconfig" admin
  write_kubeconfig "$KUBE/controller-manager.kubeconfig" controller-manager
  write_kubeconfig "$KUBE/scheduler.kubeconfig" scheduler

  start_process etcd "$BIN_DIR/etcd" --name canopy --data-dir "$DATA/etcd" \
    --listen-client-urls "http://127.0.0.1:$ETCD_PORT" --advertise-client-urls "http://127.0.0.1:$ETCD_PORT" \
    --listen-peer-urls "http://127.0.0.1:$ETCD_PEER_PORT" --initial-advertise-peer-urls "http://127.0.0.1:$ETCD_PEER_PORT" \
    --initial-cluster "canopy=http://127.0.0.1:$ETCD_PEER_PORT" \
    --unsafe-no-fsync --quota-backend-bytes 8589934592 --log-level warn
  wait_until etcd 60 curl -sf "http://127.0.0.1:$ETCD_PORT/health"

  start_process kube-apiserver "$BIN_DIR/kube-apiserver" \
    --etcd-servers "http://127.0.0.1:$ETCD_PORT" \
    --bind-address 127.0.0.1 --advertise-address 127.0.0.1 --secure-port "$APISERVER_PORT" \
    --endpoint-reconciler-type none \
    --tls-cert-file "$PKI/apiserver.crt" --tls-private-key-file "$PKI/apiserver.key" \
    --client-ca-file "$PKI/ca.crt" \
    --authorization-mode Node,RBAC \
    --service-account-issuer https://kubernetes.default.svc.cluster.local \
    --service-account-key-file "$PKI/sa.pub" --service-account-signing-key-file "$PKI/sa.key" \
    --service-account-extend-token-expiration=false \
    --service-cluster-ip-range 10.96.0.0/16 \
    --enable-admission-plugins NodeRestriction \
    --kubelet-client-certificate "$NODE_PKI/apiserver-kubelet-client.crt" \
    --kubelet-client-key "$NODE_PKI/apiserver-kubelet-client.key" \
    --kubelet-certificate-authority "$PKI/ca.crt" \
    --kubelet-preferred-address-types InternalIP,Hostname \
    --allow-privileged=true --profiling=false
  wait_until kube-apiserver 120 apiserver_ready

  start_process kube-controller-manager "$BIN_DIR/kube-controller-manager" \
    --kubeconfig "$KUBE/controller-manager.kubeconfig" \
    --authentication-kubeconfig "$KUBE/controller-manager.kubeconfig" \
    --authorization-kubeconfig "$KUBE/controller-manager.kubeconfig" \
    --bind-address 127.0.0.1 --secure-port "$KCM_PORT" --cert-dir "$KUBE/controller-manager" \
    --leader-elect=false --controllers '*' --use-service-account-credentials \
    --service-account-private-key-file "$PKI/sa.key" --root-ca-file "$PKI/ca.crt" \
    --cluster-signing-cert-file "$PKI/ca.crt" --cluster-signing-key-file "$PKI/ca.key" \
    --enable-hostpath-provisioner=true --profiling=false

  start_process kube-scheduler "$BIN_DIR/kube-scheduler" \
    --kubeconfig "$KUBE/scheduler.kubeconfig" \
    --authentication-kubeconfig "$KUBE/scheduler.kubeconfig" \
    --authorization-kubeconfig "$KUBE/scheduler.kubeconfig" \
    --bind-address 127.0.0.1 --secure-port "$SCHEDULER_PORT" --leader-elect=false --profiling=false

  # Upstream's stages, plus ours (a kubelet's pod status resync after its node was lost).
  local stage_args=()
  for f in "$STAGES"/*.yaml scripts/stack/manifests/kwok/*.yaml; do stage_args+=(--config "$f"); done
  mkdir -p "$DATA/kwok-home"
  start_process kwok env HOME="$DATA/kwok-home" "$BIN_DIR/kwok" "${stage_args[@]}" \
    --kubeconfig "$KUBE/admin.kubeconfig" \
    --manage-all-nodes=false --manage-nodes-with-annotation-selector kwok.x-k8s.io/node=fake \
    --server-address "127.0.0.1:$KWOK_PORT" --cidr 10.244.0.0/16 --node-ip 127.0.0.1 \
    --node-lease-duration-seconds 40

  KUBECONFIG="$KUBE/admin.kubeconfig" node_modules/.bin/tsx scripts/stack/bootstrap-cluster.ts
}

# The portal's own URL, the browser tests' and a few spare test ports (parallel runs).
portal_urls() { # path
  local urls="$PORTAL_URL$1,$TEST_PORTAL_URL$1" port
  for port in $(seq 3101 3110); do urls="$urls,http://localhost:$port$1"; done
  echo "$urls"
}

start_oidc() {
  local issuer="http://127.0.0.1:$OIDC_PORT"
  start_process dev-oidc-provider env \
    DEV_OIDC_PORT="$OIDC_PORT" DEV_OIDC_ISSUER="$issuer" \
    DEV_OIDC_CLIENT_ID=canopy-dev DEV_OIDC_CLIENT_SECRET="$DEV_OIDC_CLIENT_SECRET" \
    DEV_OIDC_REDIRECT_URIS="$(portal_urls /api/auth/callback/dev)" \
    DEV_OIDC_POST_LOGOUT_REDIRECT_URIS="$(portal_urls /signin)" \
    DEV_OIDC_JWKS_FILE="$DATA/oidc-jwks.json" \
    node_modules/.bin/tsx scripts/stack/dev-oidc-provider.ts
  wait_until dev-oidc-provider 60 curl -sf "$issuer/.well-known/openid-configuration"
}

# DEV ONLY: completes volume expansions on the host-path StorageClass, as a CSI resizer would.
start_volume_resizer() {
  start_process dev-volume-resizer env KUBECONFIG="$KUBE/admin.kubeconfig" \
    node_modules/.bin/tsx scripts/stack/dev-volume-resizer.ts
}

write_env() {
  cat >"$DATA/stack.env" <<ENV
# Written by npm run stack:up; the portal, the worker and the tests read it.
DATABASE_URL=postgresql://canopy@127.0.0.1:$PG_PORT/canopy
TEST_DATABASE_URL=postgresql://canopy@127.0.0.1:$PG_PORT/canopy_test
KUBECONFIG=$KUBE/admin.kubeconfig
# Only for tests that forge an expired ServiceAccount token to prove the API server refuses it.
KUBE_SA_SIGNING_KEY_FILE=$PKI/sa.key
NEXTAUTH_URL=$PORTAL_URL
NEXTAUTH_SECRET=$NEXTAUTH_SECRET
DEV_OIDC_ISSUER=http://127.0.0.1:$OIDC_PORT
DEV_OIDC_CLIENT_ID=canopy-dev
DEV_OIDC_CLIENT_SECRET=$DEV_OIDC_CLIENT_SECRET
# The real node's image registry (plain HTTP) and ingress controller (Traefik).
CANOPY_REGISTRY=$REGISTRY
CANOPY_INGRESS_HTTP=$INGRESS_HTTP
CANOPY_INGRESS_HTTPS=$INGRESS_HTTPS
ENV
  chmod 600 "$DATA/stack.env"
}

start_postgres
start_control_plane
start_node
start_oidc
start_volume_resizer
write_env
log "stack is up; settings in $DATA/stack.env"
