#!/usr/bin/env bash
# Brings the whole portal up on a fresh machine: installs dependencies, builds and starts
# the local stack (PostgreSQL, Kubernetes control plane, development sign-in provider),
# applies migrations, then runs the background worker and the portal on
# http://localhost:3000 until Ctrl-C. The stack keeps running; `npm run stack:down` stops it.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/stack/lib.sh

for tool in node npm go openssl curl; do
  command -v "$tool" >/dev/null || die "$tool is required (see README: Requirements)"
done
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund
fi
npm run --silent db:generate >/dev/null
npm run --silent stack:up

set -a
source "$DATA/stack.env"
set +a
npm run --silent db:migrate

# tsx directly, not `npm run worker`: npm does not pass SIGTERM on to its child.
node_modules/.bin/tsx lib/worker/main.ts >>"$LOGS/worker.log" 2>&1 &
worker=$!
trap 'kill $worker 2>/dev/null || true' EXIT
log "worker running (pid $worker, log in $LOGS/worker.log)"
log "portal starting on $PORTAL_URL: sign in with alice, bob or carol (password canopy-dev)"
node server.mjs --dev --port "$(node -p "new URL('$PORTAL_URL').port || 80")"
