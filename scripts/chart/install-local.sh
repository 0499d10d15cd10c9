#!/usr/bin/env bash
# Installs the chart into the local stack's cluster (npm run stack:up) with the image from
# the local registry. e2e/in-cluster-install.spec.ts runs it: it first makes the stack's
# PostgreSQL, API server and a development OIDC provider reachable from pods (see there).
#   scripts/chart/install-local.sh [--set key=value ...]      extra arguments go to helm
#   scripts/chart/install-local.sh --uninstall
# Environment:
#   CANOPY_CHART_RELEASE, CANOPY_CHART_NAMESPACE   (default canopy, canopy-system)
#   CANOPY_IMAGE_TAG             the image tag in $CANOPY_REGISTRY/canopy/canopy (default dev)
#   CANOPY_CHART_HOST            where pods reach the host: its address on the pod network
#                                (default 10.246.0.1, the CNI bridge's gateway)
#   CANOPY_CHART_DATABASE_URL    the database as pods reach it (required)
#   CANOPY_CHART_APISERVER_PORT  the API server's port at CANOPY_CHART_HOST, behind the
#                                Service kubernetes (required)
#   CANOPY_CHART_OIDC_ISSUER     the development OIDC issuer, one address that both the
#                                browser and the pods reach (required)
# The stack's own services listen on loopback only, so a pod reaches none of them by default.
set -euo pipefail
cd "$(dirname "$0")/../.."
set -a
source .data/stack.env
set +a
HELM="$(bash scripts/stack/build-helm.sh)"
RELEASE="${CANOPY_CHART_RELEASE:-canopy}" NAMESPACE="${CANOPY_CHART_NAMESPACE:-canopy-system}"
kc() { kubectl --kubeconfig "$KUBECONFIG" "$@"; }

if [ "${1:-}" = "--uninstall" ]; then
  "$HELM" --kubeconfig "$KUBECONFIG" uninstall "$RELEASE" -n "$NAMESPACE" --wait --ignore-not-found
  kc delete namespace "$NAMESPACE" --ignore-not-found --wait=false
  exit 0
fi
fail() { echo "install-local: $*" >&2; exit 1; }
TAG="${CANOPY_IMAGE_TAG:-dev}" REGISTRY="${CANOPY_REGISTRY:?start the stack first}"
HOST="${CANOPY_CHART_HOST:-10.246.0.1}"
DB_URL="${CANOPY_CHART_DATABASE_URL:?the database as pods reach it}"
APISERVER_PORT="${CANOPY_CHART_APISERVER_PORT:?the API server port at $HOST}"
OIDC_ISSUER="${CANOPY_CHART_OIDC_ISSUER:?the OIDC issuer both the browser and pods reach}"
DB_PORT="$(node -e 'console.log(new URL(process.argv[1]).port || 5432)' "$DB_URL")"
OIDC_PORT="$(node -e 'console.log(new URL(process.argv[1]).port || 80)' "$OIDC_ISSUER")"

# Fail fast on what the install cannot work without, naming it.
curl -sf "http://$REGISTRY/v2/canopy/canopy/manifests/$TAG" \
  -H 'Accept: application/vnd.oci.image.index.v1+json, application/vnd.oci.image.manifest.v1+json' >/dev/null ||
  fail "no image $REGISTRY/canopy/canopy:$TAG in the local registry: build it with npm run image"
kc get namespace "$NAMESPACE" >/dev/null 2>&1 || kc create namespace "$NAMESPACE" >/dev/null

# The Secrets the chart references (it writes none itself).
secret() {
  kc -n "$NAMESPACE" create secret generic "$1" --from-literal="$2=$3" --dry-run=client -o yaml | kc apply -f - >/dev/null
}
secret canopy-database DATABASE_URL "$DB_URL"
secret canopy-nextauth NEXTAUTH_SECRET "$NEXTAUTH_SECRET"
secret canopy-oidc DEV_OIDC_CLIENT_SECRET "$DEV_OIDC_CLIENT_SECRET"

members_ns=true
kc get namespace canopy-members >/dev/null 2>&1 && members_ns=false
"$HELM" --kubeconfig "$KUBECONFIG" upgrade --install "$RELEASE" charts/canopy -n "$NAMESPACE" \
  -f charts/canopy/ci/local-values.yaml \
  --set image.repository="$REGISTRY/canopy/canopy" --set image.tag="$TAG" --set image.pullPolicy=Always \
  --set auth.devOidc.issuer="$OIDC_ISSUER" --set membersNamespace.create="$members_ns" \
  --set instance="$RELEASE" \
  --set "networkPolicy.egress.postgres.cidrs={$HOST/32}" --set networkPolicy.egress.postgres.port="$DB_PORT" \
  --set "networkPolicy.egress.apiServer.cidrs={$HOST/32}" --set "networkPolicy.egress.apiServer.ports={$APISERVER_PORT}" \
  --set "networkPolicy.egress.oidc.cidrs={$HOST/32}" --set "networkPolicy.egress.oidc.ports={$OIDC_PORT}" \
  --wait --timeout 10m "$@"
kc -n "$NAMESPACE" get pods -o wide
echo "install-local: $RELEASE installed in $NAMESPACE; the portal answers at its ingress host (Traefik on ${CANOPY_INGRESS_HTTP:-127.0.0.1:80})"
