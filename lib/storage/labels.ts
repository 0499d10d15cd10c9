// Labels the storage feature writes on the cluster (the shared ones live in lib/tenancy/kube-names).

/** On a claim Canopy created: the volume's name. */
export const VOLUME_LABEL = "canopy.dev/volume";
