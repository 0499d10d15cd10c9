#!/usr/bin/env bash
# Builds the images of the local real node without a Docker daemon and pushes them to the
# registry at $CANOPY_REGISTRY (host:port, plain HTTP):
#   canopy/pause:3.10.1  pod sandbox: static Go binary from images/pause, user 65535
#   canopy/web:1         busybox httpd on :8080, body "canopy web on <hostname>", user 65532
#   canopy/shell:1       dash + busybox tools + GNU wget, sleeps until SIGTERM, user 65532
# Nothing can be pulled from public registries here, so every image is made from Debian
# packages installed on this machine (busybox-static, dash, wget) and committed sources.
#
# Built OCI layouts are cached outside the work tree, under
# ${CANOPY_CACHE_DIR:-~/.cache/canopy}/images/<image>-<key>, where the key hashes everything
# that goes into the image (this script, images/, the host binaries and libraries copied
# in, the Go version). A tag is pushed only when the registry does not already serve the
# same manifest digest, so a warm run only hashes inputs and asks the registry three HEADs.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
SRC="$HERE/images"
CACHE="${CANOPY_CACHE_DIR:-$HOME/.cache/canopy}/images"
REGISTRY="${CANOPY_REGISTRY:-}"

# Fixed timestamp for file mtimes and the image config: rebuilding the same inputs gives
# the same digests, so a rebuilt cache does not make the registry's copy look stale.
CREATED="2025-01-01T00:00:00Z"
PATH_ENV="PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
# Canopy's runtime pods run as 65532 (lib/runtimes/runtime-manifests.ts); the images use
# the same numeric user so Pod Security "restricted" also passes without an override.
APP_USER="65532:65532"

log() { echo "[images] $*" >&2; }
die() { echo "[images] error: $*" >&2; exit 1; }

[ -n "$REGISTRY" ] || die "CANOPY_REGISTRY is not set (host:port of a plain-HTTP registry, e.g. 127.0.0.1:5000)"

# --- prerequisites -------------------------------------------------------------------------
need_cmd() { # command package-hint
  command -v "$1" >/dev/null 2>&1 || die "$1 is missing: $2"
}
need_cmd umoci "apt-get install umoci"
need_cmd skopeo "apt-get install skopeo"
need_cmd curl "apt-get install curl"
need_cmd go "apt-get install golang-go (or put Go from https://go.dev/dl on PATH)"
need_cmd ldd "apt-get install libc-bin"
need_cmd sha256sum "apt-get install coreutils"
need_cmd perl "apt-get install perl-base"
# Packages whose files are copied into the images. busybox-static rather than Debian's
# dynamic busybox (they conflict): the web image then needs no shared library at all.
for pkg in busybox-static dash wget; do
  dpkg-query -W -f='${db:Status-Abbrev}\n' "$pkg" 2>/dev/null | grep -q '^ii' ||
    die "$pkg is missing: apt-get install $pkg"
done
BUSYBOX=/bin/busybox
DASH=/bin/dash
GNU_WGET=/usr/bin/wget
[ -x "$BUSYBOX" ] || die "$BUSYBOX is missing: apt-get install --reinstall busybox-static"
[ -x "$DASH" ] || die "$DASH is missing: apt-get install --reinstall dash"
[ -x "$GNU_WGET" ] || die "$GNU_WGET is missing: apt-get install --reinstall wget"

# --- inputs and cache keys -----------------------------------------------------------------
# The shell image's wget is GNU wget: Debian builds busybox's wget without -T support and
# `wget -T N` segfaults (busybox-static 1:1.35.0-4+deb12u1), while tests need a timeout to
# show that a NetworkPolicy blocks a connection. Its /bin/sh is dash, not busybox ash:
# Debian's ash runs its own applets before searching PATH, so `wget` in any sh script
# would still be busybox's. Both are dynamic: the libraries (and ld.so) ldd resolves for
# them on this machine are copied in as well.
SHELL_DYNAMIC=("$DASH" "$GNU_WGET")
shared_libs() { # binary...
  ldd "$@" | awk '{ for (i = 1; i <= NF; i++) if ($i ~ /^\//) print $i }' | grep -vxF -f <(printf '%s:\n' "$@") | sort -u
}

# sha256 of the named inputs: files under images/ by relative path (a checkout elsewhere
# gives the same key), host files by absolute path, plus literal strings.
hash_inputs() { # [file:/abs/path | src:relative/dir | str:text]...
  local arg
  for arg in "$@"; do
    case "$arg" in
      file:*) sha256sum "${arg#file:}" ;;
      src:*) (cd "$HERE" && find "${arg#src:}" -type f -print0 | sort -z | xargs -0 sha256sum) ;;
      str:*) echo "${arg#str:}" ;;
    esac
  done | sha256sum | cut -c1-20
}

{ read -r GO_VERSION && read -r GO_ARCH; } < <(go env GOVERSION GOARCH)
[ -n "$GO_ARCH" ] || die "go env GOVERSION GOARCH failed"
mapfile -t SHELL_LIBS < <(shared_libs "${SHELL_DYNAMIC[@]}")
[ "${#SHELL_LIBS[@]}" -gt 0 ] || die "ldd found no libraries for ${SHELL_DYNAMIC[*]}"

key_pause="$(hash_inputs "src:images.sh" "src:images/pause" "str:$GO_VERSION $GO_ARCH")"
key_web="$(hash_inputs "src:images.sh" "src:images/common" "src:images/web" "file:$BUSYBOX")"
key_shell="$(hash_inputs "src:images.sh" "src:images/common" "file:$BUSYBOX" \
  "${SHELL_DYNAMIC[@]/#/file:}" "${SHELL_LIBS[@]/#/file:}")"

# --- building ------------------------------------------------------------------------------
# Pins mtimes so the layer tar (and so its digest) depends only on content.
pin_mtimes() { find "$1" -exec touch -h -d "$CREATED" {} +; }

# /etc files and /tmp shared by web and shell.
base_rootfs() { # rootfs
  local r="$1"
  install -d -m 0755 "$r/bin" "$r/etc" "$r/usr/bin" "$r/usr/local/bin"
  install -d -m 1777 "$r/tmp"
  install -m 0644 "$SRC/common/etc/passwd" "$SRC/common/etc/group" "$SRC/common/etc/nsswitch.conf" "$r/etc/"
  # busybox-static provides sh and the tools: one relative symlink per applet (`busybox
  # --install` would point them at /usr/bin/busybox, the host's merged-/usr path), all
  # made by one perl process rather than ~270 `ln` forks.
  install -m 0755 "$(readlink -f "$BUSYBOX")" "$r/bin/busybox"
  (cd "$r/bin" && "$BUSYBOX" --list | grep -vx busybox |
    perl -ne 'chomp; symlink("busybox", $_) or die "bin/$_: $!\n"')
  ln -s ../../bin/busybox "$r/usr/bin/env" # for #!/usr/bin/env scripts
}

rootfs_pause() { # rootfs workdir
  local r="$1" w="$2"
  # Static, stripped, no build id or VCS stamp: the same source and Go give the same bytes.
  (cd "$SRC/pause" && CGO_ENABLED=0 GOFLAGS=-buildvcs=false GOTOOLCHAIN=local \
    go build -trimpath -ldflags "-s -w -buildid=" -o "$w/pause" .)
  install -d -m 0755 "$r"
  install -m 0755 "$w/pause" "$r/pause"
}

rootfs_web() { # rootfs workdir
  local r="$1"
  base_rootfs "$r"
  install -m 0755 "$SRC/web/canopy-web" "$r/usr/local/bin/canopy-web"
  install -d -m 0755 "$r/www" "$r/www/cgi-bin"
  install -m 0755 "$SRC/web/index.cgi" "$r/www/cgi-bin/index.cgi"
  install -m 0644 "$SRC/web/healthz" "$r/www/healthz"
}

rootfs_shell() { # rootfs workdir
  local r="$1" lib
  base_rootfs "$r"
  install -m 0755 "$DASH" "$r/bin/dash"
  ln -sf dash "$r/bin/sh" # replaces busybox's applet links
  install -m 0755 "$GNU_WGET" "$r/usr/bin/wget"
  ln -sf ../usr/bin/wget "$r/bin/wget"
  # Each library under the path ldd printed (ld.so's default search dirs), dereferenced.
  for lib in "${SHELL_LIBS[@]}"; do
    install -D -m 0755 "$(readlink -f "$lib")" "$r$lib"
  done
}

# umoci config arguments of each image.
config_pause() {
  args=(--config.user 65535:65535 --config.entrypoint /pause)
}
config_web() {
  args=(--config.user "$APP_USER" --config.env "$PATH_ENV" --config.env HOME=/tmp
    --config.workingdir /www --config.exposedports 8080/tcp
    --config.entrypoint /usr/local/bin/canopy-web)
}
config_shell() {
  # sh -c as the entrypoint, so a pod's `args: ["some command"]` runs as a shell line;
  # by default it idles for `kubectl exec` and exits at once on SIGTERM (sh is PID 1,
  # which the kernel only delivers signals to when a handler is set: hence the trap).
  args=(--config.user "$APP_USER" --config.env "$PATH_ENV" --config.env HOME=/tmp
    --config.workingdir /tmp --config.entrypoint /bin/sh --config.entrypoint -c
    --config.cmd "trap 'exit 0' TERM INT; while :; do sleep 3600 & wait \$!; done")
}

# Builds image $1 into $CACHE/$1-$2 unless it is there. Prints that directory. Runs in a
# command substitution, so its EXIT trap (removing a half-built directory) stays local.
build() { # name key tag
  local name="$1" key="$2" tag="$3"
  local out="$CACHE/$name-$key"
  if [ -f "$out/digest" ]; then
    touch "$out" # marks it used, for the pruning below
    echo "$out"
    return
  fi
  log "building $name ($key)"
  mkdir -p "$CACHE"
  local tmp
  tmp="$(mktemp -d "$CACHE/.build-$name.XXXXXX")"
  # shellcheck disable=SC2064 # expand $tmp now: it is local
  trap "rm -rf '$tmp'" EXIT
  "rootfs_$name" "$tmp/rootfs" "$tmp"
  pin_mtimes "$tmp/rootfs"
  local layout="$tmp/oci" hist=(--history.created "$CREATED" --history.created_by "scripts/stack/images.sh")
  umoci init --layout "$layout"
  umoci new --image "$layout:$tag"
  umoci insert --image "$layout:$tag" "${hist[@]}" --history.comment "$name rootfs" "$tmp/rootfs" /
  local args
  "config_$name"
  umoci config --image "$layout:$tag" --created "$CREATED" --os linux --architecture "$GO_ARCH" \
    "${hist[@]}" --history.comment "$name config" "${args[@]}"
  umoci gc --layout "$layout"
  # index.json lists the one manifest of the layout; its digest is what the registry
  # reports for the tag after a digest-preserving push.
  grep -o '"digest":"sha256:[0-9a-f]*"' "$layout/index.json" | head -n 1 | cut -d'"' -f4 >"$tmp/digest"
  rm -rf "$tmp/rootfs" "$tmp/pause"
  if ! mv -T "$tmp" "$out" 2>/dev/null; then
    [ -f "$out/digest" ] || die "could not move $tmp to $out"
    rm -rf "$tmp" # a concurrent run finished the same key first
  fi
  trap - EXIT
  # Other keys of this image that no run has used for a week, and builds killed midway.
  find "$CACHE" -mindepth 1 -maxdepth 1 \( -name "$name-*" -mtime +7 -o -name ".build-$name.*" -mtime +1 \) \
    -exec rm -rf {} + 2>/dev/null || true
  echo "$out"
}

# --- pushing -------------------------------------------------------------------------------
# The manifest digest the registry serves for repo:tag, or nothing.
remote_digest() { # repo tag
  curl -fsS --max-time 10 -o /dev/null -D - -I \
    -H "Accept: application/vnd.oci.image.manifest.v1+json" \
    -H "Accept: application/vnd.docker.distribution.manifest.v2+json" \
    "http://$REGISTRY/v2/$1/manifests/$2" 2>/dev/null |
    tr -d '\r' | awk 'tolower($1) == "docker-content-digest:" { print $2 }' || true
}

push() { # dir repo tag
  local dir="$1" repo="$2" tag="$3" want have
  want="$(cat "$dir/digest")"
  have="$(remote_digest "$repo" "$tag")"
  if [ "$have" = "$want" ]; then
    log "$REGISTRY/$repo:$tag is up to date (${want:7:12})"
    return
  fi
  log "pushing $REGISTRY/$repo:$tag (${want:7:12})"
  # --insecure-policy: our own local layout, no signature to check; --preserve-digests:
  # fail rather than let skopeo convert the manifest (its digest is the cache's contract).
  skopeo copy --quiet --insecure-policy --dest-tls-verify=false --preserve-digests \
    "oci:$dir/oci:$tag" "docker://$REGISTRY/$repo:$tag" >&2
  have="$(remote_digest "$repo" "$tag")"
  [ "$have" = "$want" ] || die "$REGISTRY/$repo:$tag has digest '${have:-none}' after the push, expected $want"
}

curl -fsS --max-time 5 -o /dev/null "http://$REGISTRY/v2/" 2>/dev/null ||
  die "no registry answers on http://$REGISTRY/v2/ (CANOPY_REGISTRY=$REGISTRY)"

dir_pause="$(build pause "$key_pause" 3.10.1)"
dir_web="$(build web "$key_web" 1)"
dir_shell="$(build shell "$key_shell" 1)"
# The three pushes in parallel: each is mostly registry round trips (~0.5 s to an empty one).
pids=()
push "$dir_pause" canopy/pause 3.10.1 & pids+=($!)
push "$dir_web" canopy/web 1 & pids+=($!)
push "$dir_shell" canopy/shell 1 & pids+=($!)
failed=0
for pid in "${pids[@]}"; do wait "$pid" || failed=1; done
[ "$failed" = 0 ] || die "pushing to $REGISTRY failed (see above)"
