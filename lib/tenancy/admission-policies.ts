import { bindingFor, policy } from "@/lib/tenancy/admission-policy-builder";
import { CLAIM_AND_SECRET_POLICIES } from "@/lib/tenancy/claim-and-secret-policies";
import { POD_POLICIES } from "@/lib/tenancy/pod-policies";
import { BILLING_HOLD_POLICY_OBJECTS } from "@/lib/tenancy/billing-hold-policy";

// What Pod Security does not cover, enforced inside the API server itself with
// ValidatingAdmissionPolicy (no webhook to run or to fail): no NodePort or LoadBalancer
// Services or externalIPs, and only the runtime and storage classes the workspace's plan
// allows. The allow-lists are namespace annotations written by the portal, which tenants
// cannot change (no tenant role may touch the namespace). A suspended workspace's own
// policies are in billing-hold-policy.ts.

export const ALLOWED_RUNTIME_CLASSES_ANNOTATION = "canopy.dev/allowed-runtime-classes";
export const ALLOWED_STORAGE_CLASSES_ANNOTATION = "canopy.dev/allowed-storage-classes";
/** The public hosts this workspace has reserved (unique across workspaces in Postgres). */
export const PUBLIC_HOSTS_ANNOTATION = "canopy.dev/public-hosts";

const services = policy(
  "canopy-workspace-services",
  { apiGroup: "", resources: ["services"], operations: ["CREATE", "UPDATE"] },
  [
    {
      expression:
        "!has(object.spec.type) || (object.spec.type != 'NodePort' && object.spec.type != 'LoadBalancer' && object.spec.type != 'ExternalName')",
      messageExpression:
        "'Services of type ' + object.spec.type + ' are not allowed in a Canopy workspace; use a ClusterIP Service and a public endpoint'",
      reason: "Forbidden",
    },
    {
      expression: "!has(object.spec.externalIPs) || size(object.spec.externalIPs) == 0",
      message: "externalIPs are not allowed in a Canopy workspace",
      reason: "Forbidden",
    },
  ],
);

const runtimeClasses = policy(
  "canopy-workspace-runtime-classes",
  { apiGroup: "", resources: ["pods"], operations: ["CREATE"] },
  [
    {
      // Placement is the scheduler's job: a tenant may not pick a node by name.
      expression: "!has(object.spec.nodeName) || object.spec.nodeName == ''",
      message: "spec.nodeName may not be set in a Canopy workspace; the scheduler places pods",
      reason: "Forbidden",
    },
    {
      expression: "has(object.spec.runtimeClassName) && object.spec.runtimeClassName in variables.allowed",
      messageExpression:
        "'runtime class ' + (has(object.spec.runtimeClassName) ? '\"' + object.spec.runtimeClassName + '\" is not' : 'must be set: none is') + ' allowed in this workspace; set spec.runtimeClassName to one of: ' + variables.allowed.join(', ')",
      reason: "Forbidden",
    },
  ],
  { allowListAnnotation: ALLOWED_RUNTIME_CLASSES_ANNOTATION },
);

const storageClasses = policy(
  "canopy-workspace-storage-classes",
  { apiGroup: "", resources: ["persistentvolumeclaims"], operations: ["CREATE"] },
  [
    {
      expression: "has(object.spec.storageClassName) && object.spec.storageClassName in variables.allowed",
      messageExpression:
        "'storage class ' + (has(object.spec.storageClassName) ? '\"' + object.spec.storageClassName + '\"' : '(none)') + ' is not allowed in this workspace; use one of: ' + variables.allowed.join(', ')",
      reason: "Forbidden",
    },
  ],
  { allowListAnnotation: ALLOWED_STORAGE_CLASSES_ANNOTATION },
);

// An Ingress may only serve hosts the portal reserved for this workspace, so no tenant
// can take over another's hostname, and may not catch all traffic with a default backend.
const ingressHosts = policy(
  "canopy-workspace-ingress-hosts",
  { apiGroup: "networking.k8s.io", resources: ["ingresses"], operations: ["CREATE", "UPDATE"] },
  [
    {
      expression: "!has(object.spec.defaultBackend)",
      message: "an Ingress in a Canopy workspace may not have a default backend; name its host",
      reason: "Forbidden",
    },
    {
      expression:
        "has(object.spec.rules) && object.spec.rules.all(r, has(r.host) && r.host in variables.allowed) && (!has(object.spec.tls) || object.spec.tls.all(t, !has(t.hosts) || t.hosts.all(h, h in variables.allowed)))",
      messageExpression:
        "'Ingress hosts must be public endpoints this workspace reserved in Canopy (reserved: ' + (variables.allowed.exists(h, h != '') ? variables.allowed.join(', ') : 'none') + ')'",
      reason: "Forbidden",
    },
  ],
  { allowListAnnotation: PUBLIC_HOSTS_ANNOTATION },
);

const policies = [
  services,
  runtimeClasses,
  storageClasses,
  ingressHosts,
  ...POD_POLICIES,
  ...CLAIM_AND_SECRET_POLICIES,
];

export const ADMISSION_POLICY_OBJECTS = [...policies, ...policies.map(bindingFor), ...BILLING_HOLD_POLICY_OBJECTS];
