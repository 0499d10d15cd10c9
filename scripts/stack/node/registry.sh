# The local OCI registry the node pulls from, filled with the stack's own images
# (scripts/stack/images.sh); sourced through scripts/stack/node.sh.

start_registry() {
  mkdir -p "$NODE_ETC" "$DATA/registry"
  cat >"$NODE_ETC/registry.yml" <<YML
version: 0.1
log: {level: warn, accesslog: {disabled: true}}
storage:
  filesystem: {rootdirectory: $DATA/registry}
  delete: {enabled: true}
http:
  addr: $REGISTRY
YML
  start_process registry docker-registry serve "$NODE_ETC/registry.yml"
  wait_until registry 30 curl -sf "http://$REGISTRY/v2/"
  CANOPY_REGISTRY="$REGISTRY" bash "$ROOT/scripts/stack/images.sh"
}
