#!/usr/bin/env bash
# Stops everything stack:up started; keeps the state in .data/ for the next start.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

for name in dev-volume-resizer dev-oidc-provider kwok kube-scheduler kube-controller-manager kube-apiserver etcd; do
  stop_process "$name"
done
if [ -f "$DATA/postgres/postmaster.pid" ]; then
  bin="$(pg_bin_dir)"
  as_pg_user "$bin/pg_ctl" -D "$DATA/postgres" -m fast -w stop >/dev/null 2>&1 || true
  log "stopped postgres"
fi
log "stack is down"
