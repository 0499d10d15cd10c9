import { policy } from "@/lib/tenancy/admission-policy-builder";

// Two ways past the walls that RBAC alone leaves open to a member who may create Secrets
// and claims: a Secret of type service-account-token, which the cluster fills with a token
// that never expires, and a claim that binds a PersistentVolume the workspace did not get
// from its own claims (named by spec.volumeName, picked by spec.selector, or made from a
// data source outside the workspace).

/** The controller that binds claims to volumes (with and without per-controller credentials). */
const VOLUME_BINDERS =
  "['system:serviceaccount:kube-system:persistent-volume-binder', 'system:kube-controller-manager']";

const secrets = policy(
  "canopy-workspace-secrets",
  { apiGroup: "", resources: ["secrets"], operations: ["CREATE", "UPDATE"] },
  [
    {
      expression: "!has(object.type) || object.type != 'kubernetes.io/service-account-token'",
      message:
        "Secrets of type kubernetes.io/service-account-token are not allowed in a Canopy workspace: the cluster would fill them with a token that never expires; download a kubeconfig from Canopy instead",
      reason: "Forbidden",
    },
  ],
);

const BY_NAME =
  "spec.volumeName may not be set in a Canopy workspace: a claim gets a new volume from its storage class, it cannot bind an existing PersistentVolume by name";

/** A CEL expression: the reference names a claim (core group; apiGroup is null when unset). */
const aClaim = (ref: string) =>
  `(!has(${ref}.apiGroup) || ${ref}.apiGroup == null || ${ref}.apiGroup == '') && ${ref}.kind == 'PersistentVolumeClaim'`;

const claims = policy(
  "canopy-workspace-volume-claims",
  { apiGroup: "", resources: ["persistentvolumeclaims"], operations: ["CREATE", "UPDATE"] },
  [
    {
      expression: "request.operation != 'CREATE' || !has(object.spec.volumeName) || object.spec.volumeName == ''",
      message: BY_NAME,
      reason: "Forbidden",
    },
    {
      // An unbound claim's volumeName may be set once by an update: only the binder may.
      expression: `request.operation != 'UPDATE' || (has(oldObject.spec.volumeName) && oldObject.spec.volumeName != '') || !has(object.spec.volumeName) || object.spec.volumeName == '' || request.userInfo.username in ${VOLUME_BINDERS}`,
      message: BY_NAME,
      reason: "Forbidden",
    },
    {
      expression: "request.operation != 'CREATE' || !has(object.spec.selector)",
      message:
        "spec.selector may not be set in a Canopy workspace: a claim cannot pick existing PersistentVolumes by their labels",
      reason: "Forbidden",
    },
    {
      expression: `request.operation != 'CREATE' || ((!has(object.spec.dataSource) || ${aClaim("object.spec.dataSource")}) && (!has(object.spec.dataSourceRef) || (${aClaim("object.spec.dataSourceRef")} && (!has(object.spec.dataSourceRef.namespace) || object.spec.dataSourceRef.namespace in ['', request.namespace]))))`,
      message:
        "a claim in a Canopy workspace can only be made from another claim of the same workspace (spec.dataSource, spec.dataSourceRef: kind PersistentVolumeClaim, no other namespace)",
      reason: "Forbidden",
    },
  ],
);

export const CLAIM_AND_SECRET_POLICIES = [secrets, claims];
