#!/usr/bin/env bash
# Builds the OCI image canopy/canopy (portal and worker) without a Docker daemon (umoci,
# skopeo) and pushes it to $CANOPY_REGISTRY as canopy/canopy:<short commit> and :dev, or,
# when no registry answers, writes it as an OCI archive. See docs/image.md.
#
#   npm run image                      next build, then the image
#   npm run image -- --reuse-build     the image from the existing build ($NEXT_DIST_DIR or .next)
#
# Three layers, each cached under ${CANOPY_CACHE_DIR:-~/.cache/canopy}/image/ by a key that
# hashes its inputs: the base (node, its libraries, CA certificates, passwd), the traced
# node_modules, and the application. A new Next build only rebuilds the last.
set -euo pipefail
shopt -s inherit_errexit # a failing step inside $(...) stops the build too

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
CACHE="${CANOPY_CACHE_DIR:-$HOME/.cache/canopy}/image"
REPO=canopy/canopy
# shellcheck source=scripts/image/oci.sh
source "$HERE/oci.sh"
# shellcheck source=scripts/image/rootfs.sh
source "$HERE/rootfs.sh"

reuse_build=0
for arg in "$@"; do
  case "$arg" in
    --reuse-build) reuse_build=1 ;;
    *) die "unknown argument $arg (usage: npm run image [-- --reuse-build])" ;;
  esac
done

for cmd in umoci skopeo curl ldd sha256sum git; do
  command -v "$cmd" >/dev/null 2>&1 || die "$cmd is missing: apt-get install $cmd"
done
[ -f "$CA_BUNDLE" ] || die "$CA_BUNDLE is missing: apt-get install ca-certificates"

cd "$ROOT"
DIST="${NEXT_DIST_DIR:-.next}"
if [ "$reuse_build" = 0 ]; then
  log "next build ($DIST)"
  npx next build >&2
fi
STANDALONE="$DIST/standalone"
if [ ! -f "$STANDALONE/$DIST/required-server-files.json" ] || [ ! -d "$DIST/static" ]; then
  die "no standalone build in $DIST (output: \"standalone\" in next.config.js): run npm run image without --reuse-build"
fi

COMMIT="$(git rev-parse --short HEAD)"
mapfile -t NODE_LIBS < <(node_libs)
[ "${#NODE_LIBS[@]}" -gt 0 ] || die "ldd found no libraries for $NODE_BIN"
ARCH="$(node -p 'process.arch === "x64" ? "amd64" : process.arch')"

BUNDLES="$(mktemp -d)"
trap 'rm -rf "$BUNDLES"' EXIT
node "$HERE/bundle.mjs" "$BUNDLES"

LAYER_CONFIG=()
key_base="$(hash_inputs "file:$HERE/rootfs.sh" "file:$HERE/oci.sh" "tree:$HERE/etc" "file:$CA_BUNDLE" \
  "file:$NODE_BIN" "${NODE_LIBS[@]/#/file:}")"
dir_base="$(cached_layer base "$key_base" "" rootfs_base)"

key_modules="$(hash_inputs "str:$key_base" "tree:$ROOT/$STANDALONE/node_modules")"
dir_modules="$(cached_layer modules "$key_modules" "$dir_base" rootfs_modules "$ROOT/$STANDALONE")"

# The contract (docs/image.md): WORKDIR /app, user 65532, `node server.mjs --port 3000`
# by default; the worker and migrations are `node dist/worker.mjs` and `node dist/migrate.mjs`.
LAYER_CONFIG=(--os linux --architecture "$ARCH" --config.user 65532:65532 --config.workingdir /app
  --config.env PATH=/usr/bin --config.env NODE_ENV=production --config.env HOME=/tmp
  --config.env NEXT_DIST_DIR="$DIST" --config.env NEXT_TELEMETRY_DISABLED=1
  --config.env NODE_EXTRA_CA_CERTS=/etc/ssl/certs/ca-certificates.crt
  --config.env HOSTNAME=0.0.0.0
  --config.exposedports 3000/tcp
  --config.cmd node --config.cmd server.mjs --config.cmd --port --config.cmd 3000
  --config.label "org.opencontainers.image.title=canopy" --config.label "org.opencontainers.image.revision=$COMMIT")
key_app="$(hash_inputs "str:$key_modules" "str:${LAYER_CONFIG[*]}" "file:$HERE/build.sh" \
  "tree:$ROOT/$STANDALONE" "tree:$ROOT/$DIST/static" "tree:$ROOT/public" "file:$ROOT/server.mjs" \
  "tree:$BUNDLES" "tree:$ROOT/prisma/migrations")"
dir_app="$(cached_layer app "$key_app" "$dir_modules" rootfs_app "$ROOT/$STANDALONE" "$DIST" "$BUNDLES")"

REGISTRY="${CANOPY_REGISTRY:-}"
if [ -n "$REGISTRY" ] && curl -fsS --max-time 5 -o /dev/null "http://$REGISTRY/v2/" 2>/dev/null; then
  push_tag "$dir_app" "$REGISTRY" "$REPO" "$COMMIT"
  push_tag "$dir_app" "$REGISTRY" "$REPO" dev
  echo "$REGISTRY/$REPO:$COMMIT"
else
  archive="$ROOT/$DIST/canopy-$COMMIT.oci.tar"
  log "no registry answers at '${REGISTRY:-CANOPY_REGISTRY is not set}': writing $archive"
  rm -f "$archive"
  skopeo copy --quiet --insecure-policy "oci:$dir_app/oci:image" "oci-archive:$archive:$REPO:$COMMIT" >&2
  echo "$archive"
fi
