import * as k8s from "@kubernetes/client-node";
// Not re-exported by the package's index; the list calls use it to build their models.
import { ObjectSerializer } from "@kubernetes/client-node/dist/gen/models/ObjectSerializer.js";
import { adminKubeConfig } from "@/lib/kube/client";
import { Informer, type ListPage } from "@/lib/metering/informer";
import { MEMBERS_NAMESPACE, MEMBERSHIP_ID_LABEL, WORKSPACE_ID_LABEL } from "@/lib/tenancy/kube-names";
import { managedSelector, type ObservedObject } from "@/lib/tenancy/workspace-drift";

// The reconciler's view of the cluster: one informer (lib/metering/informer.ts: paginated
// list, then watch with bookmarks, relist on 410) per kind of object a workspace's bundle
// holds, label-selected to this installation's objects, indexed by workspace. Every change
// a watch or a relist reports (not the first list) names its workspace to `onChange`, so a
// tampered or deleted object queues its workspace at once. The cache keeps of each object
// only what drift is judged on, sharing identical contents (comparedFields).

type Page = { limit: number; _continue?: string; labelSelector?: string };
type Lister = (page: Page) => Promise<ListPage<k8s.KubernetesObject>>;

interface Kind {
  kind: string;
  path: string;
  model: string;
  list: Lister;
}

function kinds(): Kind[] {
  const kc = adminKubeConfig();
  const core = kc.makeApiClient(k8s.CoreV1Api);
  const rbac = kc.makeApiClient(k8s.RbacAuthorizationV1Api);
  const networking = kc.makeApiClient(k8s.NetworkingV1Api);
  const rbacPath = "/apis/rbac.authorization.k8s.io/v1";
  return [
    { kind: "Namespace", path: "/api/v1/namespaces", model: "V1Namespace", list: (p) => core.listNamespace(p) },
    {
      kind: "ResourceQuota",
      path: "/api/v1/resourcequotas",
      model: "V1ResourceQuota",
      list: (p) => core.listResourceQuotaForAllNamespaces(p),
    },
    {
      kind: "LimitRange",
      path: "/api/v1/limitranges",
      model: "V1LimitRange",
      list: (p) => core.listLimitRangeForAllNamespaces(p),
    },
    {
      kind: "NetworkPolicy",
      path: "/apis/networking.k8s.io/v1/networkpolicies",
      model: "V1NetworkPolicy",
      list: (p) => networking.listNetworkPolicyForAllNamespaces(p),
    },
    { kind: "Role", path: `${rbacPath}/roles`, model: "V1Role", list: (p) => rbac.listRoleForAllNamespaces(p) },
    {
      kind: "RoleBinding",
      path: `${rbacPath}/rolebindings`,
      model: "V1RoleBinding",
      list: (p) => rbac.listRoleBindingForAllNamespaces(p),
    },
    {
      kind: "ServiceAccount",
      path: `/api/v1/namespaces/${MEMBERS_NAMESPACE}/serviceaccounts`,
      model: "V1ServiceAccount",
      list: (p) => core.listNamespacedServiceAccount({ namespace: MEMBERS_NAMESPACE, ...p }),
    },
  ];
}

/**
 * What drift is judged on (workspace-drift.ts compares the fields a bundle sets): the
 * identity, labels, annotations and content of an object, without its status and the
 * metadata the API server keeps (managedFields above all, the largest part of an applied
 * object). The content (a policy's spec, a role's rules) is the same in most workspaces of
 * a plan: one copy of each is shared (`shared`), so memory grows by little more than the
 * metadata per object. Shared copies are never changed, only replaced.
 */
function comparedFields(object: k8s.KubernetesObject, shared: Map<string, object>): k8s.KubernetesObject {
  const { metadata } = object;
  const content: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(object)) {
    if (field !== "metadata" && field !== "status" && value !== undefined) content[field] = value;
  }
  const key = JSON.stringify(content);
  let copy = shared.get(key);
  if (!copy) {
    // Bounded: a cleared table only stops sharing with what is cached already.
    if (shared.size >= MAX_SHARED) shared.clear();
    shared.set(key, (copy = content));
  }
  return {
    ...copy,
    metadata: {
      name: metadata?.name,
      namespace: metadata?.namespace,
      labels: metadata?.labels,
      annotations: metadata?.annotations,
      resourceVersion: metadata?.resourceVersion,
      deletionTimestamp: metadata?.deletionTimestamp,
    },
  };
}

const MAX_SHARED = 20_000;

const keyOf = (kind: string, o: k8s.KubernetesObject) => `${kind}/${o.metadata?.namespace ?? ""}/${o.metadata?.name}`;

export class ManagedCache {
  private readonly informers: Informer<k8s.KubernetesObject>[];
  private readonly kinds: string[];
  private readonly byWorkspace = new Map<string, Map<string, ObservedObject>>();
  private readonly shared = new Map<string, object>();
  private listedAll = false;

  constructor(
    private readonly onChange: (workspaceId: string) => void,
    options: { watchTimeoutSeconds?: number } = {},
  ) {
    const kubeConfig = adminKubeConfig();
    const all = kinds();
    this.kinds = all.map((k) => k.kind);
    this.informers = all.map(
      ({ kind, path, model, list }) =>
        new Informer<k8s.KubernetesObject>({
          name: `reconciler-${kind.toLowerCase()}s`,
          kubeConfig,
          path,
          labelSelector: managedSelector(),
          list,
          watchTimeoutSeconds: options.watchTimeoutSeconds,
          decode: (raw) => ObjectSerializer.deserialize(raw, model, "") as k8s.KubernetesObject,
          transform: (object) => comparedFields(object, this.shared),
          onUpsert: (object, previous) => this.upsert(kind, object, previous),
          onDelete: (object) => this.remove(kind, object),
        }),
    );
  }

  start(): Promise<void> {
    for (const informer of this.informers) informer.start();
    return this.synced();
  }

  async synced(): Promise<void> {
    await Promise.all(this.informers.map((informer) => informer.synced()));
  }

  healthy(): boolean {
    return this.informers.every((informer) => informer.healthy());
  }

  async stop(): Promise<void> {
    await Promise.all(this.informers.map((informer) => informer.stop()));
  }

  /** The informer of one kind ("NetworkPolicy"), for tests and the benchmark. */
  informer(kind: string): Informer<k8s.KubernetesObject> {
    const informer = this.informers[this.kinds.indexOf(kind)];
    if (!informer) throw new Error(`no informer for ${kind}`);
    return informer;
  }

  /** Every managed object of one workspace, as the watches last saw it. */
  observed(workspaceId: string): ObservedObject[] {
    return [...(this.byWorkspace.get(workspaceId)?.values() ?? [])];
  }

  /** Workspaces that have at least one object on the cluster. */
  workspaceIds(): string[] {
    return [...this.byWorkspace.keys()];
  }

  private upsert(kind: string, object: k8s.KubernetesObject, previous: k8s.KubernetesObject | undefined) {
    const workspaceId = object.metadata?.labels?.[WORKSPACE_ID_LABEL] ?? "";
    const formerWorkspace = previous?.metadata?.labels?.[WORKSPACE_ID_LABEL];
    if (previous && formerWorkspace !== workspaceId) this.remove(kind, previous);
    let objects = this.byWorkspace.get(workspaceId);
    if (!objects) this.byWorkspace.set(workspaceId, (objects = new Map()));
    objects.set(keyOf(kind, object), {
      kind,
      name: object.metadata?.name ?? "",
      namespace: object.metadata?.namespace,
      workspaceId,
      membershipId: object.metadata?.labels?.[MEMBERSHIP_ID_LABEL],
      terminating: Boolean(object.metadata?.deletionTimestamp),
      object,
    });
    // A relist hands back unchanged objects too; only a new version is news.
    if (previous?.metadata?.resourceVersion !== object.metadata?.resourceVersion) this.changed(workspaceId);
  }

  private remove(kind: string, object: k8s.KubernetesObject) {
    const workspaceId = object.metadata?.labels?.[WORKSPACE_ID_LABEL] ?? "";
    const objects = this.byWorkspace.get(workspaceId);
    objects?.delete(keyOf(kind, object));
    if (objects?.size === 0) this.byWorkspace.delete(workspaceId);
    this.changed(workspaceId);
  }

  private changed(workspaceId: string) {
    // The first lists are the starting point, not changes: the reconciler's first full pass covers them.
    if (!this.listedAll) this.listedAll = this.informers.every((informer) => informer.lists > 0);
    if (this.listedAll && workspaceId) this.onChange(workspaceId);
  }
}
