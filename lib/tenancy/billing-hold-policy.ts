import type {
  V1NamedRuleWithOperations,
  V1ValidatingAdmissionPolicy,
  V1ValidatingAdmissionPolicyBinding,
  V1Validation,
  V1Variable,
} from "@kubernetes/client-node";
import { WORKSPACE_ID_LABEL } from "@/lib/tenancy/kube-names";

// A suspended workspace (billing hold) may not start anything, whoever asks and however: the
// API server refuses, with ValidatingAdmissionPolicy, to create a Pod, to create a workload
// with replicas or to raise its replicas (the object and its /scale subresource alike), and to
// create or unsuspend a Job or CronJob. It applies in namespaces carrying the hold label,
// which provisioning sets from PostgreSQL while the hold lasts and which no tenant role may
// change. The workspace's ResourceQuota (pods: 0 during the hold, workspace-bundle.ts) is the
// second wall: no controller can make a pod either. Lowering, deleting and relabelling stay
// allowed: they start nothing.

/** On a workspace namespace while its workspace is suspended; tenants cannot edit namespaces. */
export const BILLING_HOLD_LABEL = "canopy.dev/billing-hold";
export const BILLING_HOLD_VALUE = "suspended";

/** The start of every refusal, so a tenant's kubectl says why. */
export const BILLING_HOLD_REFUSAL = "this workspace is suspended (billing hold)";
const UNTIL = " until the workspace resumes, which it does by itself once it has credit again or its budget allows";

const rule = (apiGroup: string, operations: string[], resources: string[]): V1NamedRuleWithOperations => ({
  apiGroups: [apiGroup],
  apiVersions: ["v1"],
  operations,
  resources,
});

function policy(
  name: string,
  rules: V1NamedRuleWithOperations[],
  validations: V1Validation[],
  variables: V1Variable[] = [],
): V1ValidatingAdmissionPolicy {
  return {
    apiVersion: "admissionregistration.k8s.io/v1",
    kind: "ValidatingAdmissionPolicy",
    metadata: { name },
    spec: {
      failurePolicy: "Fail",
      matchConstraints: { resourceRules: rules },
      ...(variables.length ? { variables } : {}),
      validations,
    },
  };
}

const pods = policy(
  "canopy-billing-hold-pods",
  [rule("", ["CREATE"], ["pods"])],
  [{ expression: "false", message: `${BILLING_HOLD_REFUSAL}: no pod may start${UNTIL}`, reason: "Forbidden" }],
);

// The object and its /scale subresource (an autoscaling/v1 Scale) both keep the count in
// spec.replicas; a Scale leaves it out when it is 0.
const replicas = policy(
  "canopy-billing-hold-replicas",
  [
    rule(
      "apps",
      ["CREATE", "UPDATE"],
      ["deployments", "deployments/scale", "replicasets", "replicasets/scale", "statefulsets", "statefulsets/scale"],
    ),
    rule("", ["CREATE", "UPDATE"], ["replicationcontrollers", "replicationcontrollers/scale"]),
  ],
  [
    {
      expression: "variables.replicas == 0 || variables.replicas <= variables.before",
      messageExpression: `'${BILLING_HOLD_REFUSAL}: ' + request.resource.resource + ' cannot be scaled up (spec.replicas ' + string(variables.before) + ' to ' + string(variables.replicas) + ')${UNTIL}'`,
      reason: "Forbidden",
    },
  ],
  [
    {
      name: "replicas",
      expression: "has(object.spec) && has(object.spec.replicas) ? object.spec.replicas : 0",
    },
    {
      name: "before",
      expression:
        "request.operation == 'UPDATE' && has(oldObject.spec) && has(oldObject.spec.replicas) ? oldObject.spec.replicas : 0",
    },
  ],
);

// A Job or CronJob may be created suspended, edited while suspended, and a running one that
// the hold has not reached yet may still be edited; none may leave spec.suspend.
const jobs = policy(
  "canopy-billing-hold-jobs",
  [rule("batch", ["CREATE", "UPDATE"], ["jobs", "cronjobs"])],
  [
    {
      expression: "variables.suspended || (request.operation == 'UPDATE' && !variables.wasSuspended)",
      messageExpression: `'${BILLING_HOLD_REFUSAL}: ' + (request.operation == 'CREATE' ? 'a ' + request.kind.kind + ' must be created with spec.suspend: true' : 'spec.suspend cannot be set to false') + '${UNTIL}'`,
      reason: "Forbidden",
    },
  ],
  [
    { name: "suspended", expression: "has(object.spec) && has(object.spec.suspend) && object.spec.suspend" },
    {
      name: "wasSuspended",
      expression:
        "request.operation == 'UPDATE' && has(oldObject.spec) && has(oldObject.spec.suspend) && oldObject.spec.suspend",
    },
  ],
);

function bindingFor(policy: V1ValidatingAdmissionPolicy): V1ValidatingAdmissionPolicyBinding {
  return {
    apiVersion: "admissionregistration.k8s.io/v1",
    kind: "ValidatingAdmissionPolicyBinding",
    metadata: { name: policy.metadata!.name },
    spec: {
      policyName: policy.metadata!.name,
      validationActions: ["Deny"],
      matchResources: {
        namespaceSelector: {
          matchExpressions: [
            { key: WORKSPACE_ID_LABEL, operator: "Exists" },
            { key: BILLING_HOLD_LABEL, operator: "Exists" },
          ],
        },
      },
    },
  };
}

const holdPolicies = [pods, replicas, jobs];

export const BILLING_HOLD_POLICY_OBJECTS = [...holdPolicies, ...holdPolicies.map(bindingFor)];
