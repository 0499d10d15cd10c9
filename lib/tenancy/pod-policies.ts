import { policy, SHOWN_ALLOWED } from "@/lib/tenancy/admission-policy-builder";

// What a pod in a workspace may ask of a shared node, beyond Pod Security: no scheduling
// priority the plan does not grant (system-node-critical would preempt other tenants'
// pods), no extended resources (GPUs) or devices the plan does not grant, and every image
// pulled with the pod's own credentials, never taken from the node's cache, where another
// workspace's private image may sit.

/** PriorityClass names a workspace's pods may use (none by default). */
export const ALLOWED_PRIORITY_CLASSES_ANNOTATION = "canopy.dev/allowed-priority-classes";
/** Extended resource names (e.g. nvidia.com/gpu) a workspace's containers may ask for. */
export const ALLOWED_EXTENDED_RESOURCES_ANNOTATION = "canopy.dev/allowed-extended-resources";

/** What every container may ask for; anything else must be granted by the plan. */
const BASE_RESOURCES = "['cpu', 'memory', 'ephemeral-storage']";

const priorityClasses = policy(
  "canopy-workspace-priority-classes",
  { apiGroup: "", resources: ["pods"], operations: ["CREATE"] },
  [
    {
      expression:
        "!has(object.spec.priorityClassName) || object.spec.priorityClassName == '' || object.spec.priorityClassName in variables.allowed",
      messageExpression: `'priority class "' + object.spec.priorityClassName + '" is not allowed in this workspace (allowed: ' + ${SHOWN_ALLOWED} + ')'`,
      reason: "Forbidden",
    },
  ],
  { allowListAnnotation: ALLOWED_PRIORITY_CLASSES_ANNOTATION },
);

const resources = policy(
  "canopy-workspace-pod-resources",
  { apiGroup: "", resources: ["pods"], operations: ["CREATE"] },
  [
    {
      expression: "variables.notGranted.all(names, size(names) == 0)",
      messageExpression:
        "'resources not granted to this workspace: ' + variables.notGranted.map(names, names.join(', ')).filter(s, s != '').join(', ') + ' (containers may ask for ' + variables.granted.filter(r, r != '').join(', ') + ')'",
      reason: "Forbidden",
    },
    {
      expression: "!has(object.spec.resourceClaims) || size(object.spec.resourceClaims) == 0",
      message:
        "resource claims (dynamic resource allocation) are not available in a Canopy workspace; devices come with the plan",
      reason: "Forbidden",
    },
  ],
  {
    allowListAnnotation: ALLOWED_EXTENDED_RESOURCES_ANNOTATION,
    variables: [
      { name: "granted", expression: `${BASE_RESOURCES} + variables.allowed` },
      {
        name: "containers",
        expression: "object.spec.containers + (has(object.spec.initContainers) ? object.spec.initContainers : [])",
      },
      {
        // Per container, the resources it asks for that are not granted (requests, then limits).
        name: "notGranted",
        expression:
          "variables.containers.map(c, (has(c.resources) && has(c.resources.requests) ? c.resources.requests.filter(r, !(r in variables.granted)) : []) + (has(c.resources) && has(c.resources.limits) ? c.resources.limits.filter(r, !(r in variables.granted) && !(has(c.resources.requests) && r in c.resources.requests)) : []))",
      },
    ],
  },
);

// Without a webhook the policy cannot set imagePullPolicy, so it refuses anything else:
// IfNotPresent and Never would start a cached image without asking the registry.
const PULLED = "has(c.imagePullPolicy) && c.imagePullPolicy == 'Always'";
const pulledMessage = (containers: string) =>
  `'imagePullPolicy must be Always in a Canopy workspace (' + ${containers}.filter(c, !(${PULLED})).map(c, 'container "' + c.name + '" has ' + (has(c.imagePullPolicy) ? c.imagePullPolicy : 'none')).join(', ') + '): a node keeps the images of every workspace, so each pod pulls its images with its own credentials'`;

const imagePull = policy(
  "canopy-workspace-image-pull",
  { apiGroup: "", resources: ["pods", "pods/ephemeralcontainers"], operations: ["CREATE", "UPDATE"] },
  [
    {
      expression: `request.operation != 'CREATE' || variables.containers.all(c, ${PULLED})`,
      messageExpression: pulledMessage("variables.containers"),
      reason: "Forbidden",
    },
    {
      expression: `variables.newEphemeral.all(c, ${PULLED})`,
      messageExpression: pulledMessage("variables.newEphemeral"),
      reason: "Forbidden",
    },
  ],
  {
    variables: [
      {
        name: "containers",
        expression: "object.spec.containers + (has(object.spec.initContainers) ? object.spec.initContainers : [])",
      },
      {
        // Ephemeral containers this request adds (kubectl debug); existing ones stay as they are.
        name: "newEphemeral",
        expression:
          "has(object.spec.ephemeralContainers) ? object.spec.ephemeralContainers.filter(c, oldObject == null || !has(oldObject.spec.ephemeralContainers) || !oldObject.spec.ephemeralContainers.exists(o, o.name == c.name)) : []",
      },
    ],
  },
);

export const POD_POLICIES = [priorityClasses, resources, imagePull];
