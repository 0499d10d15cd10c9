#!/usr/bin/env bash
# The chart's static checks (npm test, static stage): `helm lint`, then every rendered
# manifest through the real kube-apiserver's server-side dry run with strict field
# validation, which is the real schema (unknown or misplaced fields, wrong types, invalid
# names). Needs the stack's admin kubeconfig in KUBECONFIG; persists nothing.
set -euo pipefail
cd "$(dirname "$0")/../.."
: "${KUBECONFIG:?source .data/stack.env first}"
HELM="$(bash scripts/stack/build-helm.sh)"
VALUES=charts/canopy/ci/local-values.yaml

"$HELM" lint --strict charts/canopy -f "$VALUES" >/dev/null
# The members' namespace may not exist yet on a fresh stack, and a dry run into a missing
# namespace fails: its objects are checked in `default` (the schema is the same).
"$HELM" template canopy charts/canopy --namespace default -f "$VALUES" --set membersNamespace.create=true |
  sed 's/^\(  *namespace:\) canopy-members$/\1 default/' |
  kubectl apply --dry-run=server --validate=strict -n default -f - 2>&1 >/dev/null |
  { grep -v 'last-applied-configuration' >&2 || true; }
echo "chart: helm lint and server-side dry run passed"
