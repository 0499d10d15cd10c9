import { createPrivateKey } from "node:crypto";
import { readFileSync } from "node:fs";
import * as k8s from "@kubernetes/client-node";
import { expect, test } from "@playwright/test";
import { decodeJwt, decodeProtectedHeader, importPKCS8, SignJWT, type JWTPayload } from "jose";
import { authorizeWorkspace } from "@/lib/authz/guard";
import { revokeKubeconfig } from "@/lib/credentials/revoke-kubeconfig";
import { db } from "@/lib/db/client";
import { adminApi } from "@/lib/kube/client";
import { MEMBERS_NAMESPACE, memberServiceAccountName } from "@/lib/tenancy/kube-names";
import { provisionWorkspace } from "@/lib/tenancy/provision-workspace";
import { apiPath } from "./fixtures/kube";
import { expectAllowed, expectRefused, expectUnauthorizedWithin, rbacDenial } from "./fixtures/refusals";
import {
  addMembers,
  downloadKubeconfig,
  kubeconfigRoute,
  openPortal,
  removeWorkspaces,
  signedInPerson,
  teamWorkspace,
  type Member,
  type Portal,
  type TestWorkspace,
} from "./fixtures/workspaces";

// Kubeconfigs are TokenRequest tokens bound to a Secret of their own and to the member's
// ServiceAccount. Every way a credential ends is checked against the real API server,
// which refuses a dead token with 401 (after its 10 s cache of successful token
// authentications at most), and the download route refuses whoever may not have one.

test.describe.configure({ mode: "serial" });

interface ServiceAccountClaims extends JWTPayload {
  "kubernetes.io": {
    namespace: string;
    serviceaccount: { name: string; uid: string };
    secret?: { name: string; uid: string };
  };
}

/** Re-signs a real token's header and claims, changed by `edit`, with the cluster's ServiceAccount key. */
async function forge(token: string, edit: (claims: ServiceAccountClaims) => ServiceAccountClaims): Promise<string> {
  const keyFile = process.env.KUBE_SA_SIGNING_KEY_FILE;
  if (!keyFile) throw new Error("KUBE_SA_SIGNING_KEY_FILE is not set (see .data/stack.env)");
  const pkcs8 = createPrivateKey(readFileSync(keyFile)).export({ type: "pkcs8", format: "pem" }).toString();
  const key = await importPKCS8(pkcs8, "RS256");
  const header = decodeProtectedHeader(token);
  return new SignJWT(edit(decodeJwt(token) as ServiceAccountClaims))
    .setProtectedHeader({ ...header, alg: "RS256" })
    .sign(key);
}

test.describe("kubeconfig credentials", () => {
  let portal: Portal;
  let workspace: TestWorkspace;
  let pods: string;

  test.beforeAll(async ({ playwright }, testInfo) => {
    portal = await openPortal(playwright, testInfo);
    workspace = await teamWorkspace(portal, "iso-cred");
    pods = apiPath("", "pods", { namespace: workspace.namespace });
  });

  test.afterAll(async () => {
    await removeWorkspaces([workspace]);
    await portal?.api.dispose();
  });

  test("the route refuses an unauthenticated request (401) and a non-member (404)", async () => {
    const body = { label: "laptop", lifetimeHours: 1 };
    const anonymous = await portal.api.post(kubeconfigRoute(workspace.slug), { data: body });
    expect(anonymous.status()).toBe(401);
    expect(await anonymous.json()).toEqual({ error: "Your session has ended. Please sign in again." });

    const forgedCookie = await portal.api.post(kubeconfigRoute(workspace.slug), {
      headers: { cookie: "next-auth.session-token=not-a-session" },
      data: body,
    });
    expect(forgedCookie.status()).toBe(401);

    const stranger = await signedInPerson(portal, "Stranger");
    const refused = await portal.api.post(kubeconfigRoute(workspace.slug), {
      headers: { cookie: stranger.cookie },
      data: body,
    });
    expect(refused.status()).toBe(404);
    expect(((await refused.json()) as { error: string }).error).toMatch(/not found/i);
    // A workspace that does not exist at all answers the same: membership is not revealed.
    const missing = await portal.api.post(kubeconfigRoute(`${workspace.slug}-none`), {
      headers: { cookie: stranger.cookie },
      data: body,
    });
    expect(missing.status()).toBe(404);
    expect(await db().kubeconfigCredential.count({ where: { userId: stranger.userId } })).toBe(0);
  });

  test("the route refuses a cross-site request (403) and accepts a same-origin one", async () => {
    const owner = workspace.owner;
    const before = await db().kubeconfigCredential.count({ where: { membershipId: owner.membershipId } });
    const crossSite = await portal.api.post(kubeconfigRoute(workspace.slug), {
      headers: { cookie: owner.cookie, origin: "https://evil.example" },
      data: { label: "evil", lifetimeHours: 1 },
    });
    expect(crossSite.status()).toBe(403);
    expect(await crossSite.json()).toEqual({ error: "Cross-site requests are not allowed." });
    expect(await db().kubeconfigCredential.count({ where: { membershipId: owner.membershipId } })).toBe(before);

    const sameOrigin = await portal.api.post(kubeconfigRoute(workspace.slug), {
      headers: { cookie: owner.cookie, origin: new URL(portal.baseURL).origin },
      data: { label: "same origin", lifetimeHours: 1 },
    });
    expect(sameOrigin.status(), await sameOrigin.text()).toBe(200);
  });

  test("the route refuses a request without Origin unless Sec-Fetch-Site says same-origin", async ({ playwright }) => {
    const owner = workspace.owner;
    // A client that sends no Origin header at all (curl, a forged form from an old browser).
    const bare = await playwright.request.newContext({ baseURL: portal.baseURL });
    try {
      const before = await db().kubeconfigCredential.count({ where: { membershipId: owner.membershipId } });
      const noOrigin = await bare.post(kubeconfigRoute(workspace.slug), {
        headers: { cookie: owner.cookie },
        data: { label: "no origin", lifetimeHours: 1 },
      });
      expect(noOrigin.status()).toBe(403);
      expect(await noOrigin.json()).toEqual({ error: "Cross-site requests are not allowed." });
      for (const site of ["cross-site", "same-site", "none"]) {
        const refused = await bare.post(kubeconfigRoute(workspace.slug), {
          headers: { cookie: owner.cookie, "sec-fetch-site": site },
          data: { label: site, lifetimeHours: 1 },
        });
        expect(refused.status(), site).toBe(403);
      }
      expect(await db().kubeconfigCredential.count({ where: { membershipId: owner.membershipId } })).toBe(before);

      const fetchSiteSameOrigin = await bare.post(kubeconfigRoute(workspace.slug), {
        headers: { cookie: owner.cookie, "sec-fetch-site": "same-origin" },
        data: { label: "same origin by fetch metadata", lifetimeHours: 1 },
      });
      expect(fetchSiteSameOrigin.status(), await fetchSiteSameOrigin.text()).toBe(200);
    } finally {
      await bare.dispose();
    }
  });

  test("the route caps a lifetime above the maximum at 7 days", async () => {
    const { issued, kube } = await downloadKubeconfig(portal, workspace.slug, workspace.owner, {
      label: "forever",
      lifetimeHours: 10_000,
    });
    expect(issued.capped).toBe(true);
    const claims = decodeJwt(kube.token);
    const sevenDays = 7 * 24 * 3600;
    expect(claims.exp! - claims.iat!).toBe(sevenDays);
    expect(claims.exp!).toBeLessThanOrEqual(Math.floor(Date.now() / 1000) + sevenDays);
    expect(Math.abs(new Date(issued.expiresAt).getTime() - claims.exp! * 1000)).toBeLessThan(1000);
    expectAllowed(await kube.request("GET", pods), "the capped kubeconfig works");

    const { issued: short, kube: shortKube } = await downloadKubeconfig(portal, workspace.slug, workspace.owner, {
      label: "an hour",
      lifetimeHours: 1,
    });
    expect(short.capped).toBe(false);
    const shortClaims = decodeJwt(shortKube.token);
    expect(shortClaims.exp! - shortClaims.iat!).toBe(3600);
  });

  test("a revoked kubeconfig is refused (401) while the member's other kubeconfig keeps working", async () => {
    const [member] = await addMembers(portal, workspace, ["DEVELOPER"]);
    const first = await downloadKubeconfig(portal, workspace.slug, member!, { label: "one", lifetimeHours: 1 });
    const second = await downloadKubeconfig(portal, workspace.slug, member!, { label: "two", lifetimeHours: 1 });
    expectAllowed(await first.kube.request("GET", pods), "first kubeconfig before revocation");
    expectAllowed(await second.kube.request("GET", pods), "second kubeconfig before revocation");

    const context = await authorizeWorkspace({ userId: member!.userId }, workspace.slug, "kubeconfig.issue");
    await revokeKubeconfig(context, { credentialId: first.issued.credentialId });

    await expectUnauthorizedWithin(first.kube, pods);
    expectAllowed(await second.kube.request("GET", pods), "second kubeconfig after revoking the first");
  });

  test("an expired token is refused (401); the same claims re-signed with a future expiry are accepted", async () => {
    const { kube } = await downloadKubeconfig(portal, workspace.slug, workspace.owner);
    const now = Math.floor(Date.now() / 1000);

    // Positive control first: the forging is faithful, so a refusal below is the expiry's doing.
    const fresh = await forge(kube.token, (c) => ({ ...c, iat: now - 60, nbf: now - 60, exp: now + 3600 }));
    expect(fresh).not.toBe(kube.token);
    expectAllowed(await kube.withToken(fresh).request("GET", pods), "forged token with a future expiry");

    // Past the JWT library's one minute of leeway.
    const expired = await forge(kube.token, (c) => ({ ...c, iat: now - 7200, nbf: now - 7200, exp: now - 3600 }));
    expectRefused(
      await kube.withToken(expired).request("GET", pods),
      { code: 401, reason: "Unauthorized", message: ["Unauthorized"] },
      "forged expired token",
    );
    // The real token, unchanged, still works.
    expectAllowed(await kube.request("GET", pods), "the original token");
  });

  test("a token of a deleted ServiceAccount is refused (401) even after one of the same name returns", async () => {
    const [member] = await addMembers(portal, workspace, ["DEVELOPER"]);
    const { kube } = await downloadKubeconfig(portal, workspace.slug, member!);
    expectAllowed(await kube.request("GET", pods), "before the ServiceAccount is deleted");
    const oldUid = (decodeJwt(kube.token) as ServiceAccountClaims)["kubernetes.io"].serviceaccount.uid;

    const core = adminApi(k8s.CoreV1Api);
    const name = memberServiceAccountName(member!.membershipId);
    await core.deleteNamespacedServiceAccount({ name, namespace: MEMBERS_NAMESPACE });
    // The member is still a member: provisioning brings the ServiceAccount back, same
    // name and RoleBinding, new UID.
    await provisionWorkspace(workspace.id);
    const returned = await core.readNamespacedServiceAccount({ name, namespace: MEMBERS_NAMESPACE });
    expect(returned.metadata?.uid).toBeTruthy();
    expect(returned.metadata?.uid).not.toBe(oldUid);

    await expectUnauthorizedWithin(kube, pods);
    // Positive control: a kubeconfig issued for the returned ServiceAccount works.
    const { kube: fresh } = await downloadKubeconfig(portal, workspace.slug, member!);
    expectAllowed(await fresh.request("GET", pods), "a new kubeconfig for the returned ServiceAccount");
    await expectUnauthorizedWithin(kube, pods, 0);
  });

  test("a removed member's kubeconfig is refused at once (403 or 401), then as unauthenticated (401)", async () => {
    const [member] = await addMembers(portal, workspace, ["DEVELOPER"]);
    const { kube } = await downloadKubeconfig(portal, workspace.slug, member!);
    expectAllowed(await kube.request("GET", pods), "before removal");

    await removeMember(workspace, member!);

    // The RoleBinding is gone (authorization is never cached), so the very next call fails;
    // once the token cache lapses the token no longer authenticates at all.
    const next = await kube.request("GET", pods);
    if (next.status === 403) {
      expectRefused(
        next,
        {
          code: 403,
          reason: "Forbidden",
          message: [rbacDenial(kube.username, "list", "pods", "", workspace.namespace)],
        },
        "next call",
      );
    } else {
      expectRefused(next, { code: 401, reason: "Unauthorized" }, "next call");
    }
    await expectUnauthorizedWithin(kube, pods);

    // And the portal no longer hands them a new one.
    const again = await portal.api.post(kubeconfigRoute(workspace.slug), {
      headers: { cookie: member!.cookie },
      data: { label: "after removal", lifetimeHours: 1 },
    });
    expect(again.status()).toBe(404);
  });
});

/** Removal as the portal does it: the membership row goes, then the cluster converges. */
async function removeMember(workspace: TestWorkspace, member: Member): Promise<void> {
  await db().membership.delete({ where: { id: member.membershipId } });
  await provisionWorkspace(workspace.id);
}
