# shellcheck shell=bash
# OCI layout helpers of the Canopy image (sourced by build.sh), in the style of
# scripts/stack/images.sh: layouts cached under $CACHE by a key that hashes their inputs,
# fixed timestamps so the same inputs give the same digests, pushes skipped when the
# registry already serves the digest.

CREATED="2025-01-01T00:00:00Z"

log() { echo "[image] $*" >&2; }
die() { echo "[image] error: $*" >&2; exit 1; }

# sha256 (20 hex digits) of files and directory trees by relative path and content, and of strings.
hash_inputs() { # [file:/abs/path | tree:/abs/dir | str:text]...
  local arg
  for arg in "$@"; do
    case "$arg" in
      file:*) sha256sum "${arg#file:}" ;;
      tree:*) (cd "${arg#tree:}" && find . -path ./node_modules -prune -o -type f -print0 | sort -z | xargs -0 -r sha256sum &&
        find . -path ./node_modules -prune -o -type l -printf '%p -> %l\n' | sort) ;;
      str:*) echo "${arg#str:}" ;;
    esac
  done | sha256sum | cut -c1-20
}

# Pins mtimes so the layer tar (and so its digest) depends only on content.
pin_mtimes() { find "$1" -exec touch -h -d "$CREATED" {} +; }

# The digest of the one manifest in an OCI layout.
layout_digest() { grep -o '"digest":"sha256:[0-9a-f]*"' "$1/index.json" | head -n 1 | cut -d'"' -f4; }

# Makes $CACHE/<name>-<key>/oci (tag "image") unless it is there: a copy of the parent layout
# (blobs hard-linked: they are immutable) plus one layer whose rootfs the command fills.
# LAYER_CONFIG (an array) holds umoci config arguments applied after the layer, if any.
# Prints the directory. Runs in a command substitution, so its EXIT trap stays local.
cached_layer() { # name key parent-dir|"" rootfs-command [args...] (called as: command rootfs args...)
  local name="$1" key="$2" parent="$3"
  shift 3
  local out="$CACHE/$name-$key"
  if [ -f "$out/digest" ]; then
    touch "$out" # marks it used, for the pruning below
    echo "$out"
    return
  fi
  log "building layer $name ($key)"
  mkdir -p "$CACHE"
  local tmp
  tmp="$(mktemp -d "$CACHE/.build-$name.XXXXXX")"
  # shellcheck disable=SC2064 # expand $tmp now: it is local
  trap "rm -rf '$tmp'" EXIT
  if [ -n "$parent" ]; then
    cp -al "$parent/oci" "$tmp/oci"
  else
    umoci init --layout "$tmp/oci"
    umoci new --image "$tmp/oci:image"
  fi
  "$1" "$tmp/rootfs" "${@:2}"
  pin_mtimes "$tmp/rootfs"
  # index.json and the tag are rewritten by umoci: unlink the hard-linked copies first.
  cp --remove-destination "$tmp/oci/index.json" "$tmp/oci/index.json.new" && mv "$tmp/oci/index.json.new" "$tmp/oci/index.json"
  umoci insert --image "$tmp/oci:image" --history.created "$CREATED" --history.created_by "scripts/image/build.sh" \
    --history.comment "$name" "$tmp/rootfs" /
  if [ "${#LAYER_CONFIG[@]}" -gt 0 ]; then
    umoci config --image "$tmp/oci:image" --created "$CREATED" --history.created "$CREATED" \
      --history.created_by "scripts/image/build.sh" --history.comment "$name config" "${LAYER_CONFIG[@]}"
  fi
  umoci gc --layout "$tmp/oci"
  layout_digest "$tmp/oci" >"$tmp/digest"
  rm -rf "$tmp/rootfs"
  if ! mv -T "$tmp" "$out" 2>/dev/null; then
    [ -f "$out/digest" ] || die "could not move $tmp to $out"
    rm -rf "$tmp" # a concurrent run finished the same key first
  fi
  trap - EXIT
  # Other keys of this layer that no run has used for a day, and builds killed midway.
  find "$CACHE" -mindepth 1 -maxdepth 1 \( -name "$name-*" -mmin +1440 -o -name ".build-$name.*" -mmin +60 \) \
    -exec rm -rf {} + 2>/dev/null || true
  echo "$out"
}

# The manifest digest the registry serves for repo:tag, or nothing.
remote_digest() { # registry repo tag
  curl -fsS --max-time 10 -o /dev/null -D - -I \
    -H "Accept: application/vnd.oci.image.manifest.v1+json" \
    "http://$1/v2/$2/manifests/$3" 2>/dev/null |
    tr -d '\r' | awk 'tolower($1) == "docker-content-digest:" { print $2 }' || true
}

push_tag() { # layout-dir registry repo tag
  local dir="$1" registry="$2" repo="$3" tag="$4" want have
  want="$(cat "$dir/digest")"
  have="$(remote_digest "$registry" "$repo" "$tag")"
  if [ "$have" = "$want" ]; then
    log "$registry/$repo:$tag is up to date (${want:7:12})"
    return
  fi
  log "pushing $registry/$repo:$tag (${want:7:12})"
  skopeo copy --quiet --insecure-policy --dest-tls-verify=false --preserve-digests \
    "oci:$dir/oci:image" "docker://$registry/$repo:$tag" >&2
  have="$(remote_digest "$registry" "$repo" "$tag")"
  [ "$have" = "$want" ] || die "$registry/$repo:$tag has digest '${have:-none}' after the push, expected $want"
}
