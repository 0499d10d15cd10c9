import * as k8s from "@kubernetes/client-node";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { memberApi } from "@/lib/kube/client";
import { memberUsername } from "@/lib/tenancy/kube-names";
import { createTeamWorkspace } from "@/lib/workspaces/create-workspace";
import { createUser, uniqueSlug } from "../../support/factories";
import { statusOf } from "../../support/kube";

// Tenant-facing calls impersonate the member's ServiceAccount, so Kubernetes RBAC is a
// second wall behind the portal's own guard.
describe("member impersonation", () => {
  it("acts with exactly the member's role in their own namespace and nothing elsewhere", async () => {
    const alice = await createUser("Alice");
    const bob = await createUser("Bob");
    const a = await createTeamWorkspace({ userId: alice.id }, { displayName: "A", slug: uniqueSlug("a") });
    const b = await createTeamWorkspace({ userId: bob.id }, { displayName: "B", slug: uniqueSlug("b") });
    const membership = await db().membership.findFirstOrThrow({
      where: { userId: alice.id, workspace: { slug: a.slug } },
    });
    const asAlice = memberApi(memberUsername(membership.id), k8s.CoreV1Api);

    await expect(asAlice.listNamespacedPod({ namespace: `ws-${a.slug}` })).resolves.toBeDefined();
    expect(await statusOf(() => asAlice.listNamespacedPod({ namespace: `ws-${b.slug}` }))).toEqual({
      code: 403,
      reason: "Forbidden",
    });
    expect(await statusOf(() => asAlice.listNode())).toEqual({ code: 403, reason: "Forbidden" });
    // Owners cannot change the platform's objects in their own namespace either.
    expect(
      await statusOf(() => asAlice.deleteNamespacedResourceQuota({ name: "canopy-quota", namespace: `ws-${a.slug}` })),
    ).toEqual({ code: 403, reason: "Forbidden" });
  });
});
