import type { V1ValidatingAdmissionPolicy, V1ValidatingAdmissionPolicyBinding } from "@kubernetes/client-node";
import { WORKSPACE_ID_LABEL } from "@/lib/tenancy/kube-names";

// What Pod Security does not cover, enforced inside the API server itself with
// ValidatingAdmissionPolicy (no webhook to run or to fail): no NodePort or LoadBalancer
// Services or externalIPs, and only the runtime and storage classes the workspace's plan
// allows. The allow-lists are namespace annotations written by the portal, which tenants
// cannot change (no tenant role may touch the namespace).

export const ALLOWED_RUNTIME_CLASSES_ANNOTATION = "canopy.dev/allowed-runtime-classes";
export const ALLOWED_STORAGE_CLASSES_ANNOTATION = "canopy.dev/allowed-storage-classes";
/** The public hosts this workspace has reserved (unique across workspaces in Postgres). */
export const PUBLIC_HOSTS_ANNOTATION = "canopy.dev/public-hosts";

function allowList(annotation: string): string {
  return `has(namespaceObject.metadata.annotations) && '${annotation}' in namespaceObject.metadata.annotations ? namespaceObject.metadata.annotations['${annotation}'].split(',') : []`;
}

const services: V1ValidatingAdmissionPolicy = {
  apiVersion: "admissionregistration.k8s.io/v1",
  kind: "ValidatingAdmissionPolicy",
  metadata: { name: "canopy-workspace-services" },
  spec: {
    failurePolicy: "Fail",
    matchConstraints: {
      resourceRules: [
        { apiGroups: [""], apiVersions: ["v1"], operations: ["CREATE", "UPDATE"], resources: ["services"] },
      ],
    },
    validations: [
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
  },
};

const runtimeClasses: V1ValidatingAdmissionPolicy = {
  apiVersion: "admissionregistration.k8s.io/v1",
  kind: "ValidatingAdmissionPolicy",
  metadata: { name: "canopy-workspace-runtime-classes" },
  spec: {
    failurePolicy: "Fail",
    matchConstraints: {
      resourceRules: [{ apiGroups: [""], apiVersions: ["v1"], operations: ["CREATE"], resources: ["pods"] }],
    },
    variables: [{ name: "allowed", expression: allowList(ALLOWED_RUNTIME_CLASSES_ANNOTATION) }],
    validations: [
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
  },
};

const storageClasses: V1ValidatingAdmissionPolicy = {
  apiVersion: "admissionregistration.k8s.io/v1",
  kind: "ValidatingAdmissionPolicy",
  metadata: { name: "canopy-workspace-storage-classes" },
  spec: {
    failurePolicy: "Fail",
    matchConstraints: {
      resourceRules: [
        { apiGroups: [""], apiVersions: ["v1"], operations: ["CREATE"], resources: ["persistentvolumeclaims"] },
      ],
    },
    variables: [{ name: "allowed", expression: allowList(ALLOWED_STORAGE_CLASSES_ANNOTATION) }],
    validations: [
      {
        expression: "has(object.spec.storageClassName) && object.spec.storageClassName in variables.allowed",
        messageExpression:
          "'storage class ' + (has(object.spec.storageClassName) ? '\"' + object.spec.storageClassName + '\"' : '(none)') + ' is not allowed in this workspace; use one of: ' + variables.allowed.join(', ')",
        reason: "Forbidden",
      },
    ],
  },
};

// An Ingress may only serve hosts the portal reserved for this workspace, so no tenant
// can take over another's hostname, and may not catch all traffic with a default backend.
const ingressHosts: V1ValidatingAdmissionPolicy = {
  apiVersion: "admissionregistration.k8s.io/v1",
  kind: "ValidatingAdmissionPolicy",
  metadata: { name: "canopy-workspace-ingress-hosts" },
  spec: {
    failurePolicy: "Fail",
    matchConstraints: {
      resourceRules: [
        {
          apiGroups: ["networking.k8s.io"],
          apiVersions: ["v1"],
          operations: ["CREATE", "UPDATE"],
          resources: ["ingresses"],
        },
      ],
    },
    variables: [{ name: "allowed", expression: allowList(PUBLIC_HOSTS_ANNOTATION) }],
    validations: [
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
  },
};

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

export const ADMISSION_POLICY_OBJECTS = [...policies, ...policies.map(bindingFor)];
