# shellcheck shell=bash
# Assembles the root filesystems of the Canopy image's layers (sourced by build.sh).
# Nothing can be pulled from a public registry here, so the base is this machine's Node
# binary, the shared libraries ldd lists for it, CA certificates and a passwd entry for
# the user 65532; the application is Next's standalone output plus two esbuild bundles.

NODE_BIN="$(readlink -f "$(command -v node)")"
CA_BUNDLE=/etc/ssl/certs/ca-certificates.crt

# Absolute paths of the libraries (and ld.so) that ldd resolves for node on this machine.
node_libs() {
  ldd "$NODE_BIN" | awk '{ for (i = 1; i <= NF; i++) if ($i ~ /^\//) print $i }' | grep -vxF "$NODE_BIN:" | sort -u
}

# Layer 1: what any Node program needs. No shell, no package manager, no compiler.
rootfs_base() { # rootfs
  local r="$1" lib
  install -d -m 0755 "$r/etc/ssl/certs" "$r/usr/bin" "$r/app"
  install -d -m 1777 "$r/tmp"
  install -m 0644 "$HERE/etc/passwd" "$HERE/etc/group" "$HERE/etc/nsswitch.conf" "$r/etc/"
  install -m 0644 "$CA_BUNDLE" "$r/etc/ssl/certs/ca-certificates.crt"
  install -m 0755 "$NODE_BIN" "$r/usr/bin/node"
  # Each library under the path ldd printed (ld.so's default search dirs), dereferenced.
  for lib in "${NODE_LIBS[@]}"; do
    install -D -m 0755 "$(readlink -f "$lib")" "$r$lib"
  done
}

# Layer 2: the node_modules Next traced for the server (changes with the lockfile).
rootfs_modules() { # rootfs standalone
  install -d -m 0755 "$1/app"
  cp -a "$2/node_modules" "$1/app/node_modules"
}

# Layer 3: the application. /app is the WORKDIR: server.mjs, the build output (server
# files from the standalone tree, static assets beside them), public/, the bundles and
# the migrations they apply.
rootfs_app() { # rootfs standalone distdir bundles
  local r="$1" standalone="$2" dist="$3" bundles="$4"
  install -d -m 0755 "$r/app/dist" "$r/app/prisma"
  (cd "$standalone" && find . -mindepth 1 -maxdepth 1 ! -name node_modules ! -name server.js -print0 |
    xargs -0 -I{} cp -a {} "$r/app/")
  cp -a "$ROOT/$dist/static" "$r/app/$dist/static"
  cp -a "$ROOT/public" "$r/app/public"
  install -m 0644 "$ROOT/server.mjs" "$r/app/server.mjs"
  install -m 0644 "$bundles/worker.mjs" "$bundles/migrate.mjs" "$r/app/dist/"
  cp -a "$ROOT/prisma/migrations" "$r/app/prisma/migrations"
  # Read-only for everyone: the user 65532 owns nothing outside /tmp.
  chmod -R u+rwX,go+rX,go-w "$r/app"
}
