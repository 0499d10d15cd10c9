#!/usr/bin/env bash
# Builds the real worker node's programs from upstream Go modules and caches them beside
# the control plane's, keyed by every version, so only a machine's first run pays:
# kubelet and kube-proxy (the control plane's wrapper module), containerd v2 with its runc
# shim, gVisor's runsc with its containerd shim, kube-router (NetworkPolicy firewall only),
# Traefik (the ingress controller) and a cluster-DNS CoreDNS. runc and the CNI plugins
# come from Debian. Prints the directory that holds the binaries (bin/ below it).
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"

K8S_VERSION="${CANOPY_K8S_VERSION:-v1.35.4}"
CONTAINERD_VERSION="${CANOPY_CONTAINERD_VERSION:-v2.2.10}"
# gVisor publishes no module tags: its "go" branch is pinned by pseudo-version.
GVISOR_VERSION="${CANOPY_GVISOR_VERSION:-v0.0.0-20260905035102-160fafc42237}"
KUBE_ROUTER_VERSION="${CANOPY_KUBE_ROUTER_VERSION:-v2.1.0}"
source "$HERE/build/traefik.sh"
source "$HERE/build/coredns.sh"
GO_VERSION="$(go env GOVERSION)"
CACHE_ROOT="${CANOPY_CACHE_DIR:-$HOME/.cache/canopy}"
KEY="k8s-$K8S_VERSION-containerd-$CONTAINERD_VERSION-gvisor-${GVISOR_VERSION##*-}-kr-$KUBE_ROUTER_VERSION-traefik-$CANOPY_TRAEFIK_VERSION-coredns-$CANOPY_COREDNS_VERSION-$GO_VERSION"
OUT="$CACHE_ROOT/node/$KEY"

export CGO_ENABLED=0 GOFLAGS=-buildvcs=false
log() { echo "[build-node] $*" >&2; }

# kube-router is patched (build/patch-kube-router-netpol.py): a changed patch rebuilds it alone.
KUBE_ROUTER_PATCH="$(sha256sum "$HERE/build/patch-kube-router-netpol.py" | cut -c1-12)"
if [ -f "$OUT/.complete" ] && [ -f "$OUT/bin/.kube-router-$KUBE_ROUTER_PATCH" ]; then
  echo "$OUT"
  exit 0
fi
mkdir -p "$OUT/bin" "$OUT/src"

# kubelet and kube-proxy come from the same wrapper module as the control plane (every
# k8s.io staging module pinned to its release); a copy keeps the control plane's cache as built.
build_kubelet() {
  [ -x "$OUT/bin/kubelet" ] && [ -x "$OUT/bin/kube-proxy" ] && return
  local cp mod="$OUT/src/kubernetes" minor="${K8S_VERSION#v1.}"
  cp="$(bash "$HERE/build-control-plane.sh")"
  rm -rf "$mod" && cp -r "$cp/src/kubernetes" "$mod"
  (cd "$mod" && go get "k8s.io/kubernetes/cmd/kubelet@$K8S_VERSION" "k8s.io/kubernetes/cmd/kube-proxy@$K8S_VERSION" >&2)
  local ld="-s -w -X k8s.io/component-base/version.gitVersion=$K8S_VERSION -X k8s.io/component-base/version.gitMajor=1 -X k8s.io/component-base/version.gitMinor=${minor%%.*} -X k8s.io/component-base/version.gitTreeState=clean -X k8s.io/client-go/pkg/version.gitVersion=$K8S_VERSION"
  for cmd in kubelet kube-proxy; do
    [ -x "$OUT/bin/$cmd" ] && continue
    log "building $cmd $K8S_VERSION"
    (cd "$mod" && go build -trimpath -ldflags "$ld" -o "$OUT/bin/$cmd.tmp" "k8s.io/kubernetes/cmd/$cmd" && mv "$OUT/bin/$cmd.tmp" "$OUT/bin/$cmd")
  done
}

# containerd v2: the runsc shim speaks the v2 shim bootstrap protocol, which Debian's
# containerd 1.6 does not understand (docs/decisions/005).
build_containerd() {
  [ -x "$OUT/bin/containerd" ] && [ -x "$OUT/bin/containerd-shim-runc-v2" ] && [ -x "$OUT/bin/ctr" ] && return
  log "building containerd $CONTAINERD_VERSION"
  GOBIN="$OUT/bin" go install -trimpath -tags no_btrfs \
    -ldflags "-s -w -X github.com/containerd/containerd/v2/version.Version=$CONTAINERD_VERSION" \
    "github.com/containerd/containerd/v2/cmd/containerd@$CONTAINERD_VERSION" \
    "github.com/containerd/containerd/v2/cmd/containerd-shim-runc-v2@$CONTAINERD_VERSION" \
    "github.com/containerd/containerd/v2/cmd/ctr@$CONTAINERD_VERSION" >&2
}

# gVisor. Its shim lowers its own oom_score_adj and gives up when it may not (root on
# these VMs lacks CAP_SYS_RESOURCE); a copy of the module with that one error tolerated is
# built, since `go build -overlay` refuses files in the module cache.
build_gvisor() {
  [ -x "$OUT/bin/runsc" ] && [ -x "$OUT/bin/containerd-shim-runsc-v1" ] && return
  log "building gVisor runsc and its shim ($GVISOR_VERSION)"
  GOBIN="$OUT/bin" go install -trimpath -ldflags "-s -w" "gvisor.dev/gvisor/runsc@$GVISOR_VERSION" >&2
  local src="$OUT/src/gvisor" dir
  dir="$(cd "$OUT/src" && go mod download -json "gvisor.dev/gvisor@$GVISOR_VERSION" | sed -n 's/.*"Dir": "\(.*\)".*/\1/p')"
  rm -rf "$src" && cp -r "$dir" "$src" && chmod -R u+w "$src"
  python3 "$HERE/build/patch-runsc-shim.py" "$src/pkg/shim/v1/manager.go"
  (cd "$src" && go build -trimpath -ldflags "-s -w" -o "$OUT/bin/containerd-shim-runsc-v1.tmp" ./shim) &&
    mv "$OUT/bin/containerd-shim-runsc-v1.tmp" "$OUT/bin/containerd-shim-runsc-v1"
  rm -rf "$src"
}

# kube-router, from a patched copy of its module (see the patch's docstring).
build_kube_router() {
  [ -x "$OUT/bin/kube-router" ] && [ -f "$OUT/bin/.kube-router-$KUBE_ROUTER_PATCH" ] && return
  log "building kube-router $KUBE_ROUTER_VERSION (patched $KUBE_ROUTER_PATCH)"
  local src="$OUT/src/kube-router" dir
  dir="$(cd "$OUT/src" && go mod download -json "github.com/cloudnativelabs/kube-router/v2@$KUBE_ROUTER_VERSION" | sed -n 's/.*"Dir": "\(.*\)".*/\1/p')"
  rm -rf "$src" && cp -r "$dir" "$src" && chmod -R u+w "$src"
  python3 "$HERE/build/patch-kube-router-netpol.py" "$src"
  # Its own command, so that a failed build stops the script (set -e) before the marker below.
  (cd "$src" && go build -trimpath -ldflags "-s -w" -o "$OUT/bin/kube-router.tmp" ./cmd/kube-router)
  mv "$OUT/bin/kube-router.tmp" "$OUT/bin/kube-router"
  rm -rf "$src" "$OUT"/bin/.kube-router-*
  touch "$OUT/bin/.kube-router-$KUBE_ROUTER_PATCH"
}

build_containerd
build_gvisor
build_kube_router
build_traefik "$OUT"
build_coredns "$OUT"
build_kubelet
touch "$OUT/.complete"
echo "$OUT"
