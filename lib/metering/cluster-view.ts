import * as k8s from "@kubernetes/client-node";
import { MANAGED_BY, MANAGED_BY_LABEL, WORKSPACE_ID_LABEL } from "@/lib/tenancy/kube-names";
import { Informer } from "@/lib/metering/informer";
import {
  ingressToMetered,
  meteredPodFields,
  podToMetered,
  pvcToMetered,
  type MeteredObject,
  type PodMetricsSample,
} from "@/lib/metering/metered-object";

// What the meter sees of the cluster: informers on workspace namespaces (by their
// canopy.dev/workspace-id label), pods, claims and Canopy's Ingresses (public endpoints),
// plus tombstones of objects that went away recently so that the minutes they still ran in
// are billed even when those minutes are written after they are gone.

export interface ClusterViewOptions {
  kubeConfig: k8s.KubeConfig;
  /** Added to the namespace selector; tests use it to meter only their own namespaces. */
  extraNamespaceSelector?: string;
  /** How long a vanished object is remembered (at least the catch-up window). */
  tombstoneMinutes: number;
  watchTimeoutSeconds?: number;
  log?: (message: string) => void;
}

interface Tombstone {
  object: MeteredObject;
  goneAt: Date;
}

export class ClusterView {
  readonly namespaces: Informer<k8s.V1Namespace>;
  readonly pods: Informer<k8s.V1Pod>;
  readonly claims: Informer<k8s.V1PersistentVolumeClaim>;
  readonly ingresses: Informer<k8s.V1Ingress>;
  private readonly tombstones = new Map<string, Tombstone>();
  private readonly options: ClusterViewOptions;

  constructor(options: ClusterViewOptions) {
    this.options = options;
    const kc = options.kubeConfig;
    const core = kc.makeApiClient(k8s.CoreV1Api);
    const networking = kc.makeApiClient(k8s.NetworkingV1Api);
    const common = { kubeConfig: kc, watchTimeoutSeconds: options.watchTimeoutSeconds, log: options.log };
    const namespaceSelector = [WORKSPACE_ID_LABEL, options.extraNamespaceSelector].filter(Boolean).join(",");
    this.namespaces = new Informer({
      ...common,
      name: "namespaces",
      path: "/api/v1/namespaces",
      labelSelector: namespaceSelector,
      list: (page) => core.listNamespace(page),
    });
    this.pods = new Informer({
      ...common,
      name: "pods",
      path: "/api/v1/pods",
      list: (page) => core.listPodForAllNamespaces(page),
      transform: meteredPodFields,
      onDelete: (pod, at) => this.bury(pod.metadata?.namespace, at, (ws) => podToMetered(pod, ws, at)),
    });
    this.claims = new Informer({
      ...common,
      name: "persistentvolumeclaims",
      path: "/api/v1/persistentvolumeclaims",
      list: (page) => core.listPersistentVolumeClaimForAllNamespaces(page),
      onDelete: (pvc, at) => this.bury(pvc.metadata?.namespace, at, (ws) => pvcToMetered(pvc, ws, at)),
    });
    this.ingresses = new Informer({
      ...common,
      name: "ingresses",
      path: "/apis/networking.k8s.io/v1/ingresses",
      labelSelector: `${MANAGED_BY_LABEL}=${MANAGED_BY}`,
      list: (page) => networking.listIngressForAllNamespaces(page),
      onDelete: (ing, at) => this.bury(ing.metadata?.namespace, at, (ws) => ingressToMetered(ing, ws, at)),
    });
  }

  private informers() {
    return [this.namespaces, this.pods, this.claims, this.ingresses] as const;
  }

  async start(): Promise<void> {
    for (const informer of this.informers()) informer.start();
    await Promise.all(this.informers().map((i) => i.synced()));
  }

  async stop(): Promise<void> {
    await Promise.all(this.informers().map((i) => i.stop()));
  }

  healthy(): boolean {
    return this.informers().every((i) => i.healthy());
  }

  /** The watchdog pass over every informer (also run on their own timers). */
  checkWatches(now = Date.now()): number {
    return this.informers().filter((i) => i.checkWatch(now)).length;
  }

  /** The workspace a namespace belongs to, if it is a workspace's. */
  workspaceOf(namespace: string | undefined): string | undefined {
    if (!namespace) return undefined;
    return this.namespaces.get("", namespace)?.metadata?.labels?.[WORKSPACE_ID_LABEL];
  }

  private bury(namespace: string | undefined, goneAt: Date, toMetered: (ws: string) => MeteredObject | null) {
    const workspaceId = this.workspaceOf(namespace);
    if (!workspaceId) return;
    const object = toMetered(workspaceId);
    if (object && object.spans.length > 0) this.tombstones.set(object.uid, { object, goneAt });
  }

  /** Every billable object known now: live ones and recent tombstones. */
  snapshot(now: Date, usage?: Map<string, PodMetricsSample>): MeteredObject[] {
    const forget = now.getTime() - this.options.tombstoneMinutes * 60_000;
    for (const [uid, tombstone] of this.tombstones) {
      if (tombstone.goneAt.getTime() < forget) this.tombstones.delete(uid);
    }
    const objects: MeteredObject[] = [];
    const live = new Set<string>();
    const add = (object: MeteredObject | null) => {
      if (object && object.spans.length > 0) {
        objects.push(object);
        live.add(object.uid);
      }
    };
    for (const pod of this.pods.list()) {
      const ws = this.workspaceOf(pod.metadata?.namespace);
      if (ws) add(podToMetered(pod, ws, null, usage?.get(pod.metadata?.uid ?? "")));
    }
    for (const pvc of this.claims.list()) {
      const ws = this.workspaceOf(pvc.metadata?.namespace);
      if (ws) add(pvcToMetered(pvc, ws));
    }
    for (const ingress of this.ingresses.list()) {
      const ws = this.workspaceOf(ingress.metadata?.namespace);
      if (ws) add(ingressToMetered(ingress, ws));
    }
    for (const { object } of this.tombstones.values()) {
      if (!live.has(object.uid)) objects.push(object);
    }
    return objects;
  }
}
