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

  it("schedules a pod onto a kwok node where it reaches Running", async () => {
    const ns = namespace.name;
    await core.createNamespacedPod({
      namespace: ns,
      body: {
        metadata: { name: "hello" },
        spec: {
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
    const pod = await eventually("pod to be Running", async () => {
      const current = await core.readNamespacedPod({ name: "hello", namespace: ns });
      return current.status?.phase === "Running" ? current : undefined;
    });
    expect(pod.spec?.nodeName).toMatch(/^kwok-node-/);
    expect(pod.status?.conditions?.find((c) => c.type === "Ready")?.status).toBe("True");
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
