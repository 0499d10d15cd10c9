#!/usr/bin/env bash
# Installs the chart into the local stack's cluster (npm run stack:up) with the image from
# the local registry, for the in-cluster e2e of issue 14 (item 5). Not run by npm test yet:
# it needs the image (npm run image, docs/image.md) and the worker's leader election.
#   scripts/chart/install-local.sh [RELEASE] [NAMESPACE]     (default canopy, canopy-system)
#   scripts/chart/install-local.sh --uninstall [RELEASE] [NAMESPACE]
# Environment:
#   CANOPY_IMAGE_TAG            the image tag in 127.0.0.1:5000/canopy/canopy (default 1)
#   CANOPY_CHART_DATABASE_URL   the database as pods reach it (default: the stack's test
#                               database at the CNI bridge's gateway, 10.246.0.1; the stack's
#                               PostgreSQL must listen there, it listens on 127.0.0.1 today)
#   CANOPY_CHART_OIDC_ISSUER    the development OIDC issuer as pods and the browser reach it
# What the local stack still lacks for pods on the real node to run Canopy (issue 14, item 5):
# the kube-apiserver binds and advertises 127.0.0.1 with --endpoint-reconciler-type none, so
# the Service kubernetes (10.96.0.1) has no endpoints; PostgreSQL and the development OIDC
# provider listen on 127.0.0.1 only. Each must also listen on the CNI gateway (10.246.0.1),
# the API server advertise it, and the OIDC issuer be one address both the browser and the
# pods reach. The portal's NetworkPolicy then needs networkPolicy.egress.{postgres,apiServer,
# oidc}.cidrs: [10.246.0.1/32], which this script sets.
set -euo pipefail
cd "$(dirname "$0")/../.."
set -a
source .data/stack.env
set +a
HELM="$(bash scripts/stack/build-helm.sh)"

if [ "${1:-}" = "--uninstall" ]; then
  "$HELM" uninstall "${2:-canopy}" -n "${3:-canopy-system}" --wait
  exit 0
fi
RELEASE="${1:-canopy}" NAMESPACE="${2:-canopy-system}" TAG="${CANOPY_IMAGE_TAG:-1}"
REGISTRY="${CANOPY_REGISTRY:-127.0.0.1:5000}"
DB_URL="${CANOPY_CHART_DATABASE_URL:-postgresql://canopy@10.246.0.1:54329/canopy_test}"
OIDC_ISSUER="${CANOPY_CHART_OIDC_ISSUER:-$DEV_OIDC_ISSUER}"
fail() { echo "install-local: $*" >&2; exit 1; }

# Fail fast on what the install cannot work without, naming it.
curl -sf "http://$REGISTRY/v2/canopy/canopy/manifests/$TAG" \
  -H 'Accept: application/vnd.oci.image.index.v1+json, application/vnd.oci.image.manifest.v1+json' >/dev/null ||
  fail "no image $REGISTRY/canopy/canopy:$TAG in the local registry: build it with npm run image"
kubectl get namespace "$NAMESPACE" >/dev/null 2>&1 || kubectl create namespace "$NAMESPACE" >/dev/null

# The Secrets the chart references (it writes none itself).
secret() {
  kubectl -n "$NAMESPACE" create secret generic "$1" --from-literal="$2=$3" --dry-run=client -o yaml | kubectl apply -f - >/dev/null
}
secret canopy-database DATABASE_URL "$DB_URL"
secret canopy-nextauth NEXTAUTH_SECRET "$NEXTAUTH_SECRET"
secret canopy-oidc DEV_OIDC_CLIENT_SECRET "$DEV_OIDC_CLIENT_SECRET"

members_ns=true
kubectl get namespace canopy-members >/dev/null 2>&1 && members_ns=false
"$HELM" upgrade --install "$RELEASE" charts/canopy -n "$NAMESPACE" -f charts/canopy/ci/local-values.yaml \
  --set image.repository="$REGISTRY/canopy/canopy" --set image.tag="$TAG" \
  --set auth.devOidc.issuer="$OIDC_ISSUER" --set membersNamespace.create="$members_ns" \
  --set instance="$RELEASE" --set 'networkPolicy.egress.postgres.cidrs={10.246.0.1/32}' --set networkPolicy.egress.postgres.port=54329 \
  --set 'networkPolicy.egress.apiServer.cidrs={10.246.0.1/32}' --set 'networkPolicy.egress.apiServer.ports={16443}' \
  --set 'networkPolicy.egress.oidc.cidrs={10.246.0.1/32}' --set 'networkPolicy.egress.oidc.ports={9460}' \
  --wait --timeout 10m
kubectl -n "$NAMESPACE" get pods -o wide
echo "install-local: $RELEASE installed in $NAMESPACE; the portal answers at http://canopy.localhost (Traefik on ${CANOPY_INGRESS_HTTP:-127.0.0.1:80})"
