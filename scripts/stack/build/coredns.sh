# shellcheck shell=bash
# Sourced by the stack's build script. Defines build_coredns OUT, which builds a minimal
# CoreDNS as a static binary $OUT/bin/coredns (skipped when it is already there).
#
# The stock binary links ~60 plugins (cloud DNS backends, etcd, geoip, dnstap, ...). A wrapper
# module with its own main.go imports only the plugins a cluster DNS needs and sets
# dnsserver.Directives to them, in the order of upstream's plugin.cfg (that order is the
# order in which a query walks the plugin chain, so it is taken from the downloaded module
# rather than written here).
#
# v1.14.7: newest 1.14.x; its client-go is v0.35.4, the control plane's own version
# (v1.15.0 moves to client-go v0.37).

CANOPY_COREDNS_VERSION="${CANOPY_COREDNS_VERSION:-v1.14.7}"
# Directives compiled in. bind: listen address; reload: re-read the Corefile on change;
# ready/health: probes; prometheus: /metrics; errors/log: logging; loadbalance: shuffle A
# records; cache; kubernetes: cluster.local; loop: detect forwarding loops; forward: upstream.
CANOPY_COREDNS_PLUGINS="${CANOPY_COREDNS_PLUGINS:-bind reload ready health prometheus errors log loadbalance cache kubernetes loop forward}"

build_coredns() (
  set -euo pipefail
  local out="$1" version="$CANOPY_COREDNS_VERSION"
  local module=github.com/coredns/coredns
  local mod="$out/src/coredns-$version"
  [ -x "$out/bin/coredns" ] && exit 0
  export CGO_ENABLED=0 GOFLAGS=-buildvcs=false
  echo "[build-coredns] building coredns $version with plugins: $CANOPY_COREDNS_PLUGINS" >&2
  rm -rf "$mod"
  mkdir -p "$mod" "$out/bin"
  cat >"$mod/go.mod" <<'GOMOD'
module canopy.local/coredns-build

go 1.25.0
GOMOD

  local dir
  dir="$(cd "$mod" && go mod download -json "$module@$version" | sed -n 's/.*"Dir": "\(.*\)".*/\1/p')"
  [ -f "$dir/plugin.cfg" ] || { echo "[build-coredns] cannot download $module@$version" >&2; exit 1; }

  # plugin.cfg lines are "directive:package" in chain order; keep the selected ones.
  local selected
  selected="$(awk -F: -v want=" $CANOPY_COREDNS_PLUGINS " '
    /^[ \t]*#/ || !/:/ { next }
    index(want, " " $1 " ") { print $1 ":" $2 }
  ' "$dir/plugin.cfg")"
  local p
  for p in $CANOPY_COREDNS_PLUGINS; do
    printf '%s\n' "$selected" | grep -q "^$p:" || { echo "[build-coredns] unknown plugin $p" >&2; exit 1; }
  done

  {
    echo "// Command coredns is CoreDNS $version with only the plugins Canopy's cluster DNS uses."
    echo "package main"
    echo
    echo "import ("
    echo "	\"$module/core/dnsserver\""
    echo "	\"$module/coremain\""
    echo
    printf '%s\n' "$selected" | while IFS=: read -r _ pkg; do
      case "$pkg" in
        */*) echo "	_ \"$pkg\"" ;;
        *) echo "	_ \"$module/plugin/$pkg\"" ;;
      esac
    done
    echo ")"
    echo
    echo "func init() {"
    echo "	dnsserver.Directives = []string{"
    printf '%s\n' "$selected" | while IFS=: read -r name _; do echo "		\"$name\","; done
    echo "	}"
    echo "}"
    echo
    echo "func main() { coremain.Run() }"
  } >"$mod/main.go"

  (cd "$mod" && go get "$module@$version" >&2 && go mod tidy >&2)
  local ld="-s -w -X $module/coremain.GitCommit=$version"
  (cd "$mod" && go build -trimpath -ldflags "$ld" -o "$out/bin/coredns.tmp" .)
  mv "$out/bin/coredns.tmp" "$out/bin/coredns"
)
