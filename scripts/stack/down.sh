#!/usr/bin/env bash
# Stops everything stack:up started; keeps the state in .data/ for the next start. The
# real node is stopped like a reboot (scripts/stack/node.sh) and checked to leave no
# process, mount, interface, iptables chain or ipset behind.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/node.sh"

for name in dev-volume-resizer dev-oidc-provider; do stop_process "$name"; done
stop_node
for name in kwok kube-scheduler kube-controller-manager kube-apiserver etcd; do stop_process "$name"; done
if [ -f "$DATA/postgres/postmaster.pid" ]; then
  bin="$(pg_bin_dir)"
  as_pg_user "$bin/pg_ctl" -D "$DATA/postgres" -m fast -w stop >/dev/null 2>&1 || true
  log "stopped postgres"
fi
if ! leftovers="$(node_leftovers)"; then
  die "the real node left behind: $(echo "$leftovers" | paste -sd ', ')"
fi
log "stack is down"
