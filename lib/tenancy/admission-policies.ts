import type {
  V1Validation,
  V1ValidatingAdmissionPolicy,
  V1ValidatingAdmissionPolicyBinding,
} from "@kubernetes/client-node";
import { BILLING_HOLD_POLICY_OBJECTS } from "@/lib/tenancy/billing-hold-policy";
import { WORKSPACE_ID_LABEL } from "@/lib/tenancy/kube-names";

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

function allowList(annotation: string): string {
  return `has(namespaceObject.metadata.annotations) && '${annotation}' in namespaceObject.metadata.annotations ? namespaceObject.metadata.annotations['${annotation}'].split(',') : []`;
}

/** A failing-closed policy on one kind of object, with the allow-list variable if named. */
function policy(
  name: string,
  rule: { apiGroup: string; resource: string; operations: string[] },
  validations: V1Validation[],
  allowListAnnotation?: string,
): V1ValidatingAdmissionPolicy {
  return {
    apiVersion: "admissionregistration.k8s.io/v1",
    kind: "ValidatingAdmissionPolicy",
    metadata: { name },
    spec: {
      failurePolicy: "Fail",
      matchConstraints: {
        resourceRules: [
          {
            apiGroups: [rule.apiGroup],
            apiVersions: ["v1"],
            operations: rule.operations,
            resources: [rule.resource],
          },
        ],
      },
      ...(allowListAnnotation ? { variables: [{ name: "allowed", expression: allowList(allowListAnnotation) }] } : {}),
      validations,
    },
  };
}

const services = policy(
  "canopy-workspace-services",
  { apiGroup: "", resource: "services", operations: ["CREATE", "UPDATE"] },
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
  { apiGroup: "", resource: "pods", operations: ["CREATE"] },
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
  ALLOWED_RUNTIME_CLASSES_ANNOTATION,
);

const storageClasses = policy(
  "canopy-workspace-storage-classes",
  { apiGroup: "", resource: "persistentvolumeclaims", operations: ["CREATE"] },
  [
    {
      expression: "has(object.spec.storageClassName) && object.spec.storageClassName in variables.allowed",
      messageExpression:
        "'storage class ' + (has(object.spec.storageClassName) ? '\"' + object.spec.storageClassName + '\"' : '(none)') + ' is not allowed in this workspace; use one of: ' + variables.allowed.join(', ')",
      reason: "Forbidden",
    },
  ],
  ALLOWED_STORAGE_CLASSES_ANNOTATION,
);

// An Ingress may only serve hosts the portal reserved for this workspace, so no tenant
// can take over another's hostname, and may not catch all traffic with a default backend.
const ingressHosts = policy(
  "canopy-workspace-ingress-hosts",
  { apiGroup: "networking.k8s.io", resource: "ingresses", operations: ["CREATE", "UPDATE"] },
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
  PUBLIC_HOSTS_ANNOTATION,
);

function bindingFor(policy: V1ValidatingAdmissionPolicy): V1ValidatingAdmissionPolicyBinding {
  return {
    apiVersion: "admissionregistration.k8s.io/v1",
    kind: "ValidatingAdmissionPolicyBinding",
    metadata: { name: policy.metadata!.name },
    spec: {
      policyName: policy.metadata!.name,
      validationActions: ["Deny"],
      matchResources: { namespaceSelector: { matchExpressions: [{ key: WORKSPACE_ID_LABEL, operator: "Exists" }] } },
    },
  };
}

const policies = [services, runtimeClasses, storageClasses, ingressHosts];

export const ADMISSION_POLICY_OBJECTS = [...policies, ...policies.map(bindingFor), ...BILLING_HOLD_POLICY_OBJECTS];
