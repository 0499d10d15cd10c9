import * as k8s from "@kubernetes/client-node";
import { decodeJwt } from "jose";
import { describe, expect, it } from "vitest";
import { issueKubeconfig } from "@/lib/credentials/issue-kubeconfig";
import { listKubeconfigs } from "@/lib/credentials/list-kubeconfigs";
import { revokeAllKubeconfigs, revokeKubeconfig } from "@/lib/credentials/revoke-kubeconfig";
import { db } from "@/lib/db/client";
import { provisionWorkspace } from "@/lib/tenancy/provision-workspace";
import { signedInMember, teamWorkspace } from "../../support/factories";
import { eventually, statusOf } from "../../support/kube";

function clientFrom(kubeconfig: string) {
  const kc = new k8s.KubeConfig();
  kc.loadFromString(kubeconfig);
  return { kc, core: kc.makeApiClient(k8s.CoreV1Api) };
}

/** Authentication failures are 401; allow the API server's token cache a moment. */
async function expectUnauthorized(call: () => Promise<unknown>) {
  const status = await eventually(
    "the token to be refused",
    async () => {
      const result = await statusOf(call);
      return result?.code === 401 ? result : undefined;
    },
    10_000,
  );
  expect(status.code).toBe(401);
}

describe("kubeconfig issuance", () => {
  it("gives a kubeconfig scoped to the workspace namespace with a bounded TokenRequest token", async () => {
    const { slug, context } = await teamWorkspace({ prefix: "kc", permission: "kubeconfig.issue" });
    const issued = await issueKubeconfig(context, { label: "laptop", lifetimeHours: 2 });
    const { kc, core } = clientFrom(issued.kubeconfig);

    expect(kc.getContexts()).toHaveLength(1);
    expect(kc.getContexts()[0]?.namespace).toBe(`ws-${slug}`);
    const token = kc.getCurrentUser()?.token;
    expect(token).toBeTruthy();
    expect(kc.getCurrentUser()?.certFile ?? kc.getCurrentUser()?.certData).toBeFalsy();
    const claims = decodeJwt(token!) as { exp: number; iat: number; "kubernetes.io": { secret?: { name: string } } };
    expect(claims.exp - claims.iat).toBe(2 * 3600);
    expect(claims["kubernetes.io"].secret?.name).toMatch(/^kubeconfig-/);
    expect(Math.abs(issued.expiresAt.getTime() - claims.exp * 1000)).toBeLessThan(1000);
    expect(issued.capped).toBe(false);

    await expect(core.listNamespacedPod({ namespace: `ws-${slug}` })).resolves.toBeDefined();
    expect(await statusOf(() => core.listNamespacedSecret({ namespace: "kube-system" }))).toEqual({
      code: 403,
      reason: "Forbidden",
    });
  });

  it("caps a lifetime above the operator's maximum", async () => {
    const { context } = await teamWorkspace({ prefix: "kc", permission: "kubeconfig.issue" });
    const issued = await issueKubeconfig(context, { label: "long", lifetimeHours: 10_000 });
    expect(issued.capped).toBe(true);
    const hours = (issued.expiresAt.getTime() - Date.now()) / 3_600_000;
    expect(hours).toBeGreaterThan(167.9);
    expect(hours).toBeLessThanOrEqual(168);
  });

  it("revokes exactly one kubeconfig, then all of a member's", async () => {
    const { context } = await teamWorkspace({ prefix: "kc", permission: "kubeconfig.issue" });
    const first = await issueKubeconfig(context, { label: "one", lifetimeHours: 1 });
    const second = await issueKubeconfig(context, { label: "two", lifetimeHours: 1 });
    const third = await issueKubeconfig(context, { label: "three", lifetimeHours: 1 });
    const [a, b, c] = [first, second, third].map((i) => clientFrom(i.kubeconfig).core);
    const ns = context.namespace;

    await revokeKubeconfig(context, { credentialId: first.credentialId });
    await expectUnauthorized(() => a!.listNamespacedPod({ namespace: ns }));
    await expect(b!.listNamespacedPod({ namespace: ns })).resolves.toBeDefined();

    const { revoked } = await revokeAllKubeconfigs(context, {});
    expect(revoked).toBe(2);
    await expectUnauthorized(() => b!.listNamespacedPod({ namespace: ns }));
    await expectUnauthorized(() => c!.listNamespacedPod({ namespace: ns }));

    const listed = await listKubeconfigs(context);
    expect(listed.map((k) => k.status)).toEqual(["revoked", "revoked", "revoked"]);
  });

  it("stops working when the member is removed, also if a ServiceAccount of the same name returns", async () => {
    const { context } = await teamWorkspace({ prefix: "kc", permission: "kubeconfig.issue" });
    const memberContext = await signedInMember(context.workspace, "DEVELOPER", "kubeconfig.issue", { provision: true });
    const { membership } = memberContext;
    const issued = await issueKubeconfig(memberContext, { label: "member", lifetimeHours: 1 });
    const { core } = clientFrom(issued.kubeconfig);
    await expect(core.listNamespacedPod({ namespace: context.namespace })).resolves.toBeDefined();

    const saName = `member-${membership.id}`;
    const before = await db().membership.delete({ where: { id: membership.id } });
    expect(before.id).toBe(membership.id);
    await provisionWorkspace(context.workspace.id);
    // The very next call is refused: the RoleBinding is gone (authorization is never
    // cached), and once the token cache lapses the token itself no longer authenticates.
    expect([401, 403]).toContain(
      (await statusOf(() => core.listNamespacedPod({ namespace: context.namespace })))?.code,
    );
    await expectUnauthorized(() => core.listNamespacedPod({ namespace: context.namespace }));

    // A new ServiceAccount of the same name has a new UID: the old token stays dead.
    const adminCore = new k8s.KubeConfig();
    adminCore.loadFromDefault();
    await adminCore
      .makeApiClient(k8s.CoreV1Api)
      .createNamespacedServiceAccount({ namespace: "canopy-members", body: { metadata: { name: saName } } });
    await expectUnauthorized(() => core.listNamespacedPod({ namespace: context.namespace }));
    await adminCore
      .makeApiClient(k8s.CoreV1Api)
      .deleteNamespacedServiceAccount({ name: saName, namespace: "canopy-members" });
  });

  it("lets a member revoke only their own kubeconfigs", async () => {
    const { context } = await teamWorkspace({ prefix: "kc", permission: "kubeconfig.issue" });
    const ownerIssued = await issueKubeconfig(context, { label: "owner's", lifetimeHours: 1 });
    const viewerContext = await signedInMember(context.workspace, "VIEWER", "kubeconfig.issue", { provision: true });

    await expect(revokeKubeconfig(viewerContext, { credentialId: ownerIssued.credentialId })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await expect(revokeAllKubeconfigs(viewerContext, { membershipId: context.membership.id })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    expect((await listKubeconfigs(viewerContext)).map((k) => k.id)).not.toContain(ownerIssued.credentialId);
    expect((await listKubeconfigs(context)).map((k) => k.id)).toContain(ownerIssued.credentialId);
  });
});
