#!/usr/bin/env bash
# Builds the local control plane (etcd, kube-apiserver, kube-controller-manager,
# kube-scheduler, kwok) from upstream Go modules and caches the binaries outside the work
# tree, keyed by component version and Go version, so only the first run on a machine
# pays for the build. Prints the directory that holds the binaries.
set -euo pipefail

K8S_VERSION="${CANOPY_K8S_VERSION:-v1.35.4}"
ETCD_VERSION="${CANOPY_ETCD_VERSION:-v3.6.5}"
KWOK_VERSION="${CANOPY_KWOK_VERSION:-v0.8.0}"
GO_VERSION="$(go env GOVERSION)"
CACHE_ROOT="${CANOPY_CACHE_DIR:-$HOME/.cache/canopy}"
OUT="$CACHE_ROOT/control-plane/k8s-$K8S_VERSION-etcd-$ETCD_VERSION-kwok-$KWOK_VERSION-$GO_VERSION"

export CGO_ENABLED=0 GOFLAGS=-buildvcs=false
log() { echo "[build-control-plane] $*" >&2; }

if [ -f "$OUT/.complete" ]; then
  echo "$OUT"
  exit 0
fi
mkdir -p "$OUT/bin" "$OUT/src"

# kube-apiserver, kube-controller-manager, kube-scheduler: k/k requires its staging
# modules at v0.0.0, so a wrapper module pins each of them to the matching release.
build_kubernetes() {
  local mod="$OUT/src/kubernetes" minor="${K8S_VERSION#v1.}"
  [ -x "$OUT/bin/kube-apiserver" ] && [ -x "$OUT/bin/kube-controller-manager" ] && [ -x "$OUT/bin/kube-scheduler" ] && return
  mkdir -p "$mod"
  local kkmod
  kkmod="$(cd "$mod" && go mod download -json "k8s.io/kubernetes@$K8S_VERSION" | sed -n 's/.*"GoMod": "\(.*\)".*/\1/p')"
  {
    echo "module canopy.local/kubernetes-build"
    echo
    grep -E '^go [0-9]' "$kkmod"
    grep -E '^godebug ' "$kkmod" || true
    echo
    echo "require k8s.io/kubernetes $K8S_VERSION"
    echo
    grep -E '^\s*k8s.io/[a-z0-9-]+ => ./staging/src/' "$kkmod" | awk -v v="v0.$minor" '{print "replace " $1 " => " $1 " " v}'
  } >"$mod/go.mod"
  log "downloading kubernetes $K8S_VERSION modules"
  (cd "$mod" && go get "k8s.io/kubernetes/cmd/kube-apiserver@$K8S_VERSION" \
    "k8s.io/kubernetes/cmd/kube-controller-manager@$K8S_VERSION" "k8s.io/kubernetes/cmd/kube-scheduler@$K8S_VERSION" >&2)
  local ld="-s -w -X k8s.io/component-base/version.gitVersion=$K8S_VERSION -X k8s.io/component-base/version.gitMajor=1 -X k8s.io/component-base/version.gitMinor=${minor%%.*} -X k8s.io/component-base/version.gitTreeState=clean -X k8s.io/client-go/pkg/version.gitVersion=$K8S_VERSION"
  for cmd in kube-apiserver kube-controller-manager kube-scheduler; do
    [ -x "$OUT/bin/$cmd" ] && continue
    log "building $cmd (slow the first time)"
    (cd "$mod" && go build -trimpath -ldflags "$ld" -o "$OUT/bin/$cmd.tmp" "k8s.io/kubernetes/cmd/$cmd" && mv "$OUT/bin/$cmd.tmp" "$OUT/bin/$cmd")
  done
}

# etcd: its own go.mod has replace directives, so `go install` refuses it; a wrapper
# module calling etcdmain builds the same server.
build_etcd() {
  local mod="$OUT/src/etcd"
  [ -x "$OUT/bin/etcd" ] && return
  mkdir -p "$mod"
  cat >"$mod/go.mod" <<GOMOD
module canopy.local/etcd-build

go 1.25.0
GOMOD
  cat >"$mod/main.go" <<'GO'
package main

import (
	"os"

	"go.etcd.io/etcd/server/v3/etcdmain"
)

func main() { etcdmain.Main(os.Args) }
GO
  log "building etcd $ETCD_VERSION"
  (cd "$mod" && go get "go.etcd.io/etcd/server/v3@$ETCD_VERSION" >&2 && go mod tidy >&2 &&
    go build -trimpath -ldflags "-s -w" -o "$OUT/bin/etcd.tmp" . && mv "$OUT/bin/etcd.tmp" "$OUT/bin/etcd")
}

# kwok refuses to start without stage configs: keep the ones for fast nodes with lease
# heartbeats and fast pods beside the binary.
build_kwok() {
  if [ ! -x "$OUT/bin/kwok" ]; then
    log "building kwok $KWOK_VERSION"
    GOBIN="$OUT/bin" go install -trimpath -ldflags "-s -w" "sigs.k8s.io/kwok/cmd/kwok@$KWOK_VERSION" >&2
  fi
  local src
  src="$(go env GOMODCACHE)/sigs.k8s.io/kwok@$KWOK_VERSION/kustomize/stage"
  [ -d "$src" ] || (cd "$OUT/src" && go mod download "sigs.k8s.io/kwok@$KWOK_VERSION" >&2)
  rm -rf "$OUT/kwok-stages" && mkdir -p "$OUT/kwok-stages"
  cp "$src"/node/fast/node-*.yaml "$src"/node/heartbeat-with-lease/node-*.yaml "$src"/pod/fast/pod-*.yaml "$OUT/kwok-stages/"
}

build_etcd
build_kwok
build_kubernetes
touch "$OUT/.complete"
echo "$OUT"
