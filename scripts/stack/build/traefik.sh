# shellcheck shell=bash
# Sourced by the stack's build script. Defines build_traefik OUT, which builds the Traefik v3
# ingress controller as a static binary $OUT/bin/traefik (skipped when it is already there).
#
# Traefik's go.mod has replace directives, so `go install ...@version` refuses it. One of them
# points at a nested local module (github.com/traefik/traefik/dynamic/ext =>
# ./pkg/config/dynamic/ext) that is neither in the module zip nor on the module proxy: it is
# an extension point of empty structs, so the wrapper module below gets a small local stand-in
# for it. The other replace and exclude directives are copied from Traefik's own go.mod, so
# the build list is the one upstream releases use, except for the pins below.
#
# Pins: the Go module proxy reachable here refuses a few exact dependency versions that
# v3.7.13 requires (403 "This module version is not available"); each is replaced by the
# nearest version it serves. All but one are cloud SDKs used only by lego's ACME DNS-01
# providers; the other is Traefik's fork of go-http-auth (BasicAuth/DigestAuth middlewares),
# which goes back to the 2020 commit Traefik used up to v3.7.10 (v3.7.11 bumped it). Canopy
# uses neither ACME nor the auth middlewares. Override with CANOPY_TRAEFIK_PINS (lines of
# "old-module => new-module version"; empty for none) when changing CANOPY_TRAEFIK_VERSION.

CANOPY_TRAEFIK_VERSION="${CANOPY_TRAEFIK_VERSION:-v3.7.13}"
if [ -z "${CANOPY_TRAEFIK_PINS+set}" ]; then
  CANOPY_TRAEFIK_PINS='github.com/abbot/go-http-auth => github.com/containous/go-http-auth v0.4.1-0.20200324110947-a37a7636d23e
github.com/akamai/AkamaiOPEN-edgegrid-golang/v13 => github.com/akamai/AkamaiOPEN-edgegrid-golang/v13 v13.3.0
github.com/huaweicloud/huaweicloud-sdk-go-v3 => github.com/huaweicloud/huaweicloud-sdk-go-v3 v0.1.215
github.com/nrdcg/oci-go-sdk/common/v1065 => github.com/nrdcg/oci-go-sdk/common/v1065 v1065.120.0
github.com/nrdcg/oci-go-sdk/dns/v1065 => github.com/nrdcg/oci-go-sdk/dns/v1065 v1065.120.0
github.com/sacloud/sacloud-sdk-go => github.com/sacloud/sacloud-sdk-go v0.2.0
github.com/ucloud/ucloud-sdk-go => github.com/ucloud/ucloud-sdk-go v0.22.123
github.com/yandex-cloud/go-sdk/services/dns => github.com/yandex-cloud/go-sdk/services/dns v0.0.65'
  [ "$CANOPY_TRAEFIK_VERSION" = v3.7.13 ] || CANOPY_TRAEFIK_PINS=''
fi

build_traefik() (
  set -euo pipefail
  local out="$1" version="$CANOPY_TRAEFIK_VERSION"
  local module=github.com/traefik/traefik/v3
  local mod="$out/src/traefik-$version"
  [ -x "$out/bin/traefik" ] && exit 0
  export CGO_ENABLED=0 GOFLAGS=-buildvcs=false
  echo "[build-traefik] building traefik $version" >&2
  rm -rf "$mod"
  mkdir -p "$mod/ext" "$out/bin"

  local upstream
  upstream="$(cd "$mod" && go mod download -json "$module@$version" | sed -n 's/.*"GoMod": "\(.*\)".*/\1/p')"
  [ -f "$upstream" ] || { echo "[build-traefik] cannot download $module@$version" >&2; exit 1; }

  # replace/exclude directives of the upstream go.mod, single-line and block form, one per line
  local directives
  directives="$(awk '
    /^(replace|exclude)[ \t]*\($/ { kw = $1; inblock = 1; next }
    inblock && /^\)/ { inblock = 0; next }
    inblock { sub(/\/\/.*/, ""); if ($0 ~ /[^ \t]/) print kw " " $0; next }
    /^(replace|exclude)[ \t]/ { sub(/\/\/.*/, ""); print }
  ' "$upstream" | sed 's/[ \t]\+/ /g; s/ $//')"
  if printf '%s\n' "$directives" | grep -E '^replace ' | grep -v '^replace github.com/traefik/traefik/dynamic/ext ' | grep -qE '=> \.\.?/'; then
    echo "[build-traefik] $module@$version has a new local replace directive; update this script" >&2
    printf '%s\n' "$directives" >&2
    exit 1
  fi

  {
    echo "module canopy.local/traefik-build"
    echo
    grep -E '^go [0-9]' "$upstream"
    grep -E '^godebug ' "$upstream" || true
    echo
    echo "require ("
    echo "	$module $version"
    echo "	github.com/traefik/traefik/dynamic/ext v0.0.0-00010101000000-000000000000"
    echo ")"
    echo
    echo "replace github.com/traefik/traefik/dynamic/ext => ./ext"
    # upstream replaces, minus the local one and those a pin overrides
    local line old
    while IFS= read -r line; do
      [ -n "$line" ] || continue
      old="$(echo "$line" | awk '$1 == "replace" {print $2}')"
      [ "$old" = github.com/traefik/traefik/dynamic/ext ] && continue
      if [ -n "$old" ] && printf '%s\n' "$CANOPY_TRAEFIK_PINS" | awk -v o="$old" '$1 == o {f = 1} END {exit !f}'; then
        continue
      fi
      echo "$line"
    done <<<"$directives"
    printf '%s\n' "$CANOPY_TRAEFIK_PINS" | sed -n 's/^\([^ ]\)/replace \1/p'
  } >"$mod/go.mod"

  # Stand-in for the nested module: Traefik embeds ext.HTTP in dynamic.HTTPConfiguration and
  # ext.Router in dynamic.Router (empty structs in the open-source build).
  cat >"$mod/ext/go.mod" <<'GOMOD'
module github.com/traefik/traefik/dynamic/ext

go 1.24.0
GOMOD
  cat >"$mod/ext/ext.go" <<'GO'
// Package ext stands in for Traefik's dynamic-configuration extension module.
package ext

// HTTP extends dynamic.HTTPConfiguration (empty in the open-source build).
type HTTP struct{}

// Router extends dynamic.Router (empty in the open-source build).
type Router struct{}

// RouterIng extends the ingress provider's router annotations.
type RouterIng struct{}

// ToRouter converts RouterIng to a Router.
func (RouterIng) ToRouter() Router { return Router{} }
GO

  (cd "$mod" && go get "$module/cmd/traefik@$version" >&2)
  local ld="-s -w -X $module/pkg/version.Version=${version#v} -X $module/pkg/version.BuildDate=unknown"
  (cd "$mod" && go build -trimpath -ldflags "$ld" -o "$out/bin/traefik.tmp" "$module/cmd/traefik")
  mv "$out/bin/traefik.tmp" "$out/bin/traefik"
)
