#!/usr/bin/env bash
# Runs the portal under the chart's least-privilege ClusterRole instead of the admin
# kubeconfig (docs/permissions.md, "Proof"): applies the chart's RBAC and ServiceAccount,
# rendered for the release NAME (default canopy-chart) in the namespace `default`, and
# writes a kubeconfig for that ServiceAccount with a short-lived TokenRequest token.
#   scripts/chart/portal-identity.sh apply OUT.kubeconfig [NAME]   (token valid 2 h)
#   scripts/chart/portal-identity.sh delete [NAME]
# Then: CANOPY_PORTAL_KUBECONFIG=OUT.kubeconfig npx playwright test e2e/isolation ...
# (playwright.config.ts hands it to the portal only; the tests keep the admin kubeconfig).
set -euo pipefail
cd "$(dirname "$0")/../.."
: "${KUBECONFIG:?source .data/stack.env first (the admin kubeconfig applies the RBAC)}"
HELM="$(bash scripts/stack/build-helm.sh)"
NAMESPACE=default

render() {
  "$HELM" template "$1" charts/canopy --namespace "$NAMESPACE" -f charts/canopy/ci/local-values.yaml \
    --show-only templates/serviceaccount.yaml --show-only templates/rbac.yaml
}

case "${1:-}" in
  apply)
    out="${2:?the kubeconfig to write}" name="${3:-canopy-chart}"
    render "$name" | kubectl apply -f - >&2
    token="$(kubectl -n "$NAMESPACE" create token "$name" --duration=2h)"
    server="$(kubectl config view --raw --minify -o jsonpath='{.clusters[0].cluster.server}')"
    ca="$(kubectl config view --raw --minify -o jsonpath='{.clusters[0].cluster.certificate-authority-data}')"
    umask 077
    cat >"$out" <<KUBECONFIG
apiVersion: v1
kind: Config
clusters:
  - name: canopy
    cluster: { server: "$server", certificate-authority-data: "$ca" }
users:
  - name: $name
    user: { token: "$token" }
contexts:
  - name: $name
    context: { cluster: canopy, user: $name }
current-context: $name
KUBECONFIG
    echo "wrote $out (ServiceAccount $NAMESPACE/$name, token valid 2 h)" >&2
    ;;
  delete)
    render "${2:-canopy-chart}" | kubectl delete --ignore-not-found -f - >&2
    ;;
  *)
    echo "usage: $0 apply OUT.kubeconfig [NAME] | delete [NAME]" >&2
    exit 2
    ;;
esac
