import type {
  V1Validation,
  V1ValidatingAdmissionPolicy,
  V1ValidatingAdmissionPolicyBinding,
  V1Variable,
} from "@kubernetes/client-node";
import { WORKSPACE_ID_LABEL } from "@/lib/tenancy/kube-names";

// How Canopy's ValidatingAdmissionPolicies are built (decision 004): failing closed, bound
// to every workspace namespace, reading a workspace's allow-lists from annotations the
// portal writes on its namespace and no tenant role may change.

/** A CEL expression: the comma-separated values of a namespace annotation, [] without it. */
export function allowList(annotation: string): string {
  return `has(namespaceObject.metadata.annotations) && '${annotation}' in namespaceObject.metadata.annotations ? namespaceObject.metadata.annotations['${annotation}'].split(',') : []`;
}

/** A CEL expression: the allow-list as the messages show it ("none" when empty). */
export const SHOWN_ALLOWED = "(variables.allowed.exists(v, v != '') ? variables.allowed.join(', ') : 'none')";

export interface PolicyRule {
  apiGroup: string;
  /** Resources, subresources as "pods/ephemeralcontainers". */
  resources: string[];
  operations: string[];
}

/** A failing-closed policy on one kind of object, with the allow-list variable if named. */
export function policy(
  name: string,
  rule: PolicyRule,
  validations: V1Validation[],
  options: { allowListAnnotation?: string; variables?: V1Variable[] } = {},
): V1ValidatingAdmissionPolicy {
  const variables = [
    ...(options.allowListAnnotation ? [{ name: "allowed", expression: allowList(options.allowListAnnotation) }] : []),
    ...(options.variables ?? []),
  ];
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
            resources: rule.resources,
          },
        ],
      },
      ...(variables.length > 0 ? { variables } : {}),
      validations,
    },
  };
}

export function bindingFor(policy: V1ValidatingAdmissionPolicy): V1ValidatingAdmissionPolicyBinding {
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
