#!/usr/bin/env bash
# Runs every test: static checks, unit and integration tests (vitest) against the real
# local stack, and the browser tests (Playwright, Debian's Chromium) against a production
# build. Starts the stack if it is not running, and stops it afterwards in that case.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/stack/lib.sh

[ -d node_modules ] || npm ci
npm run db:generate >/dev/null

if pid_alive kube-apiserver; then
  started_stack=0
else
  started_stack=1
  trap 'npm run --silent stack:down' EXIT
fi
npm run --silent stack:up

set -a
source "$DATA/stack.env"
set +a
export DATABASE_URL="$TEST_DATABASE_URL"
npm run --silent db:migrate
# Test workspaces keep real pods on the real node's 2 cores after their tests: remove their
# workloads (not the workspaces, which the test database still knows) before each stage.
free_test_workloads() {
  local ns
  for ns in $(kubectl --kubeconfig "$KUBE/admin.kubeconfig" get namespaces -l canopy.dev/instance=test -o name 2>/dev/null); do
    kubectl --kubeconfig "$KUBE/admin.kubeconfig" -n "${ns#namespace/}" delete deployments,statefulsets,replicasets,jobs,pods \
      --all --wait=false >/dev/null 2>&1 || true
  done
}
free_test_workloads

echo "== static checks"
npm run --silent typecheck
npm run --silent lint
npm run --silent format:check
KUBECONFIG="$KUBE/admin.kubeconfig" bash scripts/chart/check.sh

# Next is built once: the browser tests run this build, and the image (canopy/canopy, which
# tests/integration/image runs on the real node) is made from its standalone output.
echo "== build"
NEXTAUTH_URL="$TEST_PORTAL_URL" npx next build >"$LOGS/next-build.log" 2>&1 || {
  tail -n 50 "$LOGS/next-build.log"
  exit 1
}
npm run --silent image -- --reuse-build >"$LOGS/image-build.log" 2>&1 || {
  tail -n 50 "$LOGS/image-build.log"
  exit 1
}

echo "== unit and integration tests"
npx vitest run

free_test_workloads

echo "== end-to-end tests"
npx playwright test

# Smoke sizes only, so the benchmarks don't rot: missed targets are reported, a crash fails.
echo "== benchmarks (smoke)"
timeout 480 npm run --silent bench -- --size smoke

if [ "$started_stack" = 1 ]; then echo "(stopping the stack this run started)"; fi
