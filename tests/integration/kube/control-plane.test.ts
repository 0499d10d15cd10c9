import * as k8s from "@kubernetes/client-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { adminApi } from "@/lib/kube/client";
import { createTestNamespace, eventually, kubeConfigWithToken, statusOf } from "../../support/kube";

// The local control plane is real: RBAC authorizes, TokenRequest issues tokens, the
// scheduler binds pods to kwok nodes that run them, and claims bind to volumes.
describe("local Kubernetes control plane", () => {
  const core = adminApi(k8s.CoreV1Api);
  let namespace: Awaited<ReturnType<typeof createTestNamespace>>;

  beforeAll(async () => {
    namespace = await createTestNamespace("cp");
  });
  afterAll(async () => {
    await namespace?.cleanup();
  });

  it("denies a ServiceAccount that no role binds, and allows it once bound", async () => {
    const ns = namespace.name;
    await core.createNamespacedServiceAccount({ namespace: ns, body: { metadata: { name: "unbound" } } });
    const request = await core.createNamespacedServiceAccountToken({
      name: "unbound",
      namespace: ns,
      body: { spec: { audiences: [], expirationSeconds: 600 } },
    });
    const token = request.status?.token;
    expect(token).toBeTruthy();
    const asServiceAccount = kubeConfigWithToken(token!).makeApiClient(k8s.CoreV1Api);

    const denied = await statusOf(() => asServiceAccount.listNamespacedPod({ namespace: ns }));
    expect(denied).toEqual({ code: 403, reason: "Forbidden" });

    // Positive control: the same token works once a Role grants the verb.
    const rbac = adminApi(k8s.RbacAuthorizationV1Api);
    await rbac.createNamespacedRole({
      namespace: ns,
      body: {
        metadata: { name: "pod-reader" },
        rules: [{ apiGroups: [""], resources: ["pods"], verbs: ["list"] }],
      },
    });
    await rbac.createNamespacedRoleBinding({
      namespace: ns,
      body: {
        metadata: { name: "pod-reader" },
        roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "Role", name: "pod-reader" },
        subjects: [{ kind: "ServiceAccount", name: "unbound", namespace: ns }],
      },
    });
    const allowed = await eventually("RBAC to admit the bound ServiceAccount", async () =>
      (await statusOf(() => asServiceAccount.listNamespacedPod({ namespace: ns }))) === undefined ? true : undefined,
    );
    expect(allowed).toBe(true);
    // Still nothing beyond what the Role grants.
    expect(await statusOf(() => asServiceAccount.listNamespacedSecret({ namespace: ns }))).toEqual({
      code: 403,
      reason: "Forbidden",
    });
  });

  async function runningPod(name: string): Promise<k8s.V1Pod> {
    const ns = namespace.name;
    await core.createNamespacedPod({
      namespace: ns,
      body: {
        metadata: { name },
        spec: {
          // The simulated class: its scheduling places the pod on a kwok node (tainted for anything else).
          runtimeClassName: "simulated",
          automountServiceAccountToken: false,
          securityContext: { runAsNonRoot: true, runAsUser: 1000, seccompProfile: { type: "RuntimeDefault" } },
          containers: [
            {
              name: "hello",
              image: "registry.k8s.io/pause:3.10",
              resources: { requests: { cpu: "50m", memory: "32Mi" } },
              securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ["ALL"] } },
            },
          ],
        },
      },
    });
    return eventually("pod to be Running", async () => {
      const current = await core.readNamespacedPod({ name, namespace: ns });
      return current.status?.phase === "Running" ? current : undefined;
    });
  }

  function readiness(pod: k8s.V1Pod): string | undefined {
    return pod.status?.conditions?.find((c) => c.type === "Ready")?.status;
  }

  it("schedules a pod onto a kwok node where it reaches Running", async () => {
    const pod = await runningPod("hello");
    expect(pod.spec?.nodeName).toMatch(/^kwok-node-/);
    expect(readiness(pod)).toBe("True");
  });

  // Without leases the node controller saw a heartbeat only every 10 to 20 minutes and
  // marked the nodes lost every minute, which left pods unready at random.
  it("keeps its simulated nodes alive: kwok renews each node's lease", async () => {
    const nodes = await core.listNode();
    const names = nodes.items.filter((n) => n.metadata?.annotations?.["kwok.x-k8s.io/node"] === "fake");
    expect(names.length).toBeGreaterThanOrEqual(2);
    const coordination = adminApi(k8s.CoordinationV1Api);
    for (const node of names) {
      const lease = await coordination.readNamespacedLease({
        name: node.metadata!.name!,
        namespace: "kube-node-lease",
      });
      const duration = lease.spec?.leaseDurationSeconds;
      expect(duration, node.metadata!.name).toBe(40);
      const age = Date.now() - new Date(lease.spec!.renewTime!).getTime();
      expect(age, `${node.metadata!.name} lease age`).toBeLessThan(duration! * 1000);
    }
  });

  it("reports a pod Ready again after its node was lost, as a kubelet does once it is back", async () => {
    const ns = namespace.name;
    const pod = await runningPod("recovers");
    // What the node lifecycle controller writes when a node stops reporting.
    pod.status!.conditions = pod.status!.conditions!.map((c) =>
      c.type === "Ready" ? { ...c, status: "False", reason: "NodeNotReady" } : c,
    );
    const marked = await core.replaceNamespacedPodStatus({ name: "recovers", namespace: ns, body: pod });
    expect(readiness(marked)).toBe("False");
    const recovered = await eventually("pod to be Ready again", async () => {
      const current = await core.readNamespacedPod({ name: "recovers", namespace: ns });
      return readiness(current) === "True" ? current : undefined;
    });
    expect(recovered.status?.phase).toBe("Running");
  });

  it("binds a claim on the default StorageClass", async () => {
    const ns = namespace.name;
    await core.createNamespacedPersistentVolumeClaim({
      namespace: ns,
      body: {
        metadata: { name: "data" },
        spec: { accessModes: ["ReadWriteOnce"], resources: { requests: { storage: "1Gi" } } },
      },
    });
    const claim = await eventually("claim to be Bound", async () => {
      const current = await core.readNamespacedPersistentVolumeClaim({ name: "data", namespace: ns });
      return current.status?.phase === "Bound" ? current : undefined;
    });
    expect(claim.spec?.storageClassName).toBe("standard");
    expect(claim.status?.capacity?.storage).toBe("1Gi");
  });
});
