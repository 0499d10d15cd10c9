import * as k8s from "@kubernetes/client-node";
import { describe, expect, it } from "vitest";
import { memberApi } from "@/lib/kube/client";
import { memberUsername, QUOTA_NAME } from "@/lib/tenancy/kube-names";
import { teamWorkspace } from "../../support/factories";
import { statusOf } from "../../support/kube";

// Tenant-facing calls impersonate the member's ServiceAccount, so Kubernetes RBAC is a
// second wall behind the portal's own guard.
describe("member impersonation", () => {
  it("acts with exactly the member's role in their own namespace and nothing elsewhere", async () => {
    const a = await teamWorkspace({ prefix: "a" });
    const b = await teamWorkspace({ prefix: "b" });
    const asAlice = memberApi(memberUsername(a.ownerMembership.id), k8s.CoreV1Api);

    await expect(asAlice.listNamespacedPod({ namespace: a.namespace })).resolves.toBeDefined();
    expect(await statusOf(() => asAlice.listNamespacedPod({ namespace: b.namespace }))).toEqual({
      code: 403,
      reason: "Forbidden",
    });
    expect(await statusOf(() => asAlice.listNode())).toEqual({ code: 403, reason: "Forbidden" });
    // Owners cannot change the platform's objects in their own namespace either.
    expect(
      await statusOf(() => asAlice.deleteNamespacedResourceQuota({ name: QUOTA_NAME, namespace: a.namespace })),
    ).toEqual({ code: 403, reason: "Forbidden" });
  });
});
