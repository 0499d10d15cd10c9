#!/usr/bin/env bash
# Builds Helm 4 from its upstream Go module and caches the binary outside the work tree,
# keyed by Helm version and Go version, so only the first run on a machine pays for the
# build (docs/operating.md). Prints the path of the helm binary.
set -euo pipefail

HELM_VERSION="${CANOPY_HELM_VERSION:-v4.3.2}"
GO_VERSION="$(go env GOVERSION)"
CACHE_ROOT="${CANOPY_CACHE_DIR:-$HOME/.cache/canopy}"
OUT="$CACHE_ROOT/helm/helm-$HELM_VERSION-$GO_VERSION"

export CGO_ENABLED=0 GOFLAGS=-buildvcs=false
log() { echo "[build-helm] $*" >&2; }

if [ -f "$OUT/.complete" ]; then
  echo "$OUT/bin/helm"
  exit 0
fi
mkdir -p "$OUT/bin"

# helm.sh/helm/v4 has no replace directives, so `go install` builds it as released; the
# version string is stamped the way Helm's own Makefile does.
log "building helm $HELM_VERSION (slow the first time)"
GOBIN="$OUT/bin" go install -trimpath \
  -ldflags "-s -w -X helm.sh/helm/v4/internal/version.version=$HELM_VERSION -X helm.sh/helm/v4/internal/version.gitTreeState=clean" \
  "helm.sh/helm/v4/cmd/helm@$HELM_VERSION" >&2
touch "$OUT/.complete"
echo "$OUT/bin/helm"
