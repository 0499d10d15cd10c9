import { randomBytes } from "node:crypto";
import * as k8s from "@kubernetes/client-node";
import { describe, expect, it } from "vitest";
import { env } from "@/lib/config/env";
import { issueKubeconfig } from "@/lib/credentials/issue-kubeconfig";
import { pruneKubeconfigs } from "@/lib/credentials/prune-kubeconfigs";
import { revokeKubeconfig } from "@/lib/credentials/revoke-kubeconfig";
import { db } from "@/lib/db/client";
import { adminApi } from "@/lib/kube/client";
import { parseQuantity } from "@/lib/kube/quantity";
import { pruneIdleBuckets, takeToken } from "@/lib/rate-limits/take-token";
import {
  CREDENTIAL_OF_LABEL,
  INSTANCE_LABEL,
  MANAGED_BY,
  MANAGED_BY_LABEL,
  MEMBERS_NAMESPACE,
  MEMBERS_QUOTA_NAME,
  canopyInstance,
} from "@/lib/tenancy/kube-names";
import { ensurePlatformObjects } from "@/lib/tenancy/provision-workspace";
import { teamWorkspace } from "../../support/factories";
import { eventually } from "../../support/kube";

// Kubeconfigs do not pile up in the members' namespace, and that namespace cannot be
// filled: dead Secrets and old rows are pruned, and a quota caps what may be stored there.

const core = adminApi(k8s.CoreV1Api);
const DAY_MS = 86_400_000;

async function secretExists(name: string): Promise<boolean> {
  try {
    await core.readNamespacedSecret({ name, namespace: MEMBERS_NAMESPACE });
    return true;
  } catch {
    return false;
  }
}

async function strayCredentialSecret(instance: string, membershipId: string): Promise<string> {
  const name = `kubeconfig-stray-${randomBytes(6).toString("hex")}`;
  await core.createNamespacedSecret({
    namespace: MEMBERS_NAMESPACE,
    body: {
      metadata: {
        name,
        labels: { [MANAGED_BY_LABEL]: MANAGED_BY, [INSTANCE_LABEL]: instance, [CREDENTIAL_OF_LABEL]: membershipId },
      },
    },
  });
  return name;
}

describe("pruning kubeconfigs", () => {
  it("deletes the Secrets of expired, revoked and orphaned kubeconfigs, and old rows, and nothing else", async () => {
    const { context } = await teamWorkspace({ permission: "kubeconfig.revokeAny" });
    const issue = (label: string) => issueKubeconfig(context, { label, lifetimeHours: 1 });
    const [active, expired, revoked] = [await issue("active"), await issue("expired"), await issue("revoked")];
    const secretOf = async (id: string) =>
      (await db().kubeconfigCredential.findUniqueOrThrow({ where: { id } })).secretName;
    await db().kubeconfigCredential.update({
      where: { id: expired.credentialId },
      data: { expiresAt: new Date(Date.now() - 60_000) },
    });
    await revokeKubeconfig(context, { credentialId: revoked.credentialId });
    const retention = env().CANOPY_KUBECONFIG_RETENTION_DAYS;
    await db().kubeconfigCredential.update({
      where: { id: revoked.credentialId },
      data: { revokedAt: new Date(Date.now() - (retention + 1) * DAY_MS) },
    });
    const orphan = await strayCredentialSecret(canopyInstance(), context.membership.id);
    const foreign = await strayCredentialSecret(`${canopyInstance()}-other`, context.membership.id);

    try {
      const summary = await pruneKubeconfigs({ orphanGraceMs: 0 });

      expect(summary.secretsDeleted).toBeGreaterThanOrEqual(2);
      expect(await secretExists(await secretOf(expired.credentialId))).toBe(false);
      expect(await secretExists(orphan)).toBe(false);
      // The expired one stays listed for the retention period; the long-revoked one is gone.
      await expect(
        db().kubeconfigCredential.findUnique({ where: { id: expired.credentialId } }),
      ).resolves.not.toBeNull();
      await expect(db().kubeconfigCredential.findUnique({ where: { id: revoked.credentialId } })).resolves.toBeNull();
      // Positive controls: the active kubeconfig and another installation's Secret are untouched.
      expect(await secretExists(await secretOf(active.credentialId))).toBe(true);
      expect(await secretExists(foreign)).toBe(true);

      await db().kubeconfigCredential.update({
        where: { id: expired.credentialId },
        data: { expiresAt: new Date(Date.now() - (retention + 1) * DAY_MS) },
      });
      await pruneKubeconfigs({ orphanGraceMs: 0 });
      await expect(db().kubeconfigCredential.findUnique({ where: { id: expired.credentialId } })).resolves.toBeNull();
      await expect(
        db().kubeconfigCredential.findUnique({ where: { id: active.credentialId } }),
      ).resolves.not.toBeNull();
    } finally {
      await core.deleteNamespacedSecret({ name: foreign, namespace: MEMBERS_NAMESPACE }).catch(() => undefined);
    }
  });

  it("removes rate-limit buckets that have been idle longer than their window, and keeps live ones", async () => {
    const idle = `test:idle:${randomBytes(6).toString("hex")}`;
    const live = `test:live:${randomBytes(6).toString("hex")}`;
    await takeToken(idle, { capacity: 5, windowSeconds: 60 });
    await takeToken(live, { capacity: 5, windowSeconds: 60 });
    await db().rateLimitBucket.update({ where: { key: idle }, data: { updatedAt: new Date(Date.now() - 2 * DAY_MS) } });

    expect(await pruneIdleBuckets(DAY_MS / 1000)).toBeGreaterThanOrEqual(1);
    await expect(db().rateLimitBucket.findUnique({ where: { key: idle } })).resolves.toBeNull();
    await expect(db().rateLimitBucket.findUnique({ where: { key: live } })).resolves.not.toBeNull();
  });
});

describe("the members' namespace", () => {
  it("has a quota: a capped number of Secrets, and no pods, services or claims at all", async () => {
    await ensurePlatformObjects(true);
    const quota = await core.readNamespacedResourceQuota({ name: MEMBERS_QUOTA_NAME, namespace: MEMBERS_NAMESPACE });
    const hard = Object.fromEntries(Object.entries(quota.spec?.hard ?? {}).map(([k, v]) => [k, parseQuantity(v)]));
    expect(hard).toEqual({
      secrets: env().CANOPY_MEMBERS_NAMESPACE_MAX_SECRETS,
      configmaps: 10,
      pods: 0,
      services: 0,
      persistentvolumeclaims: 0,
    });
    // The API server counts what is there, so the cap is enforced at admission.
    const used = await eventually("the quota's usage", async () => {
      const status = (
        await core.readNamespacedResourceQuota({ name: MEMBERS_QUOTA_NAME, namespace: MEMBERS_NAMESPACE })
      ).status;
      return status?.used?.secrets;
    });
    expect(Number(used)).toBeGreaterThanOrEqual(0);

    // Anything but Secrets and ServiceAccounts is refused there, even for the platform's own identity.
    const refused = await core
      .createNamespacedService({
        namespace: MEMBERS_NAMESPACE,
        body: { metadata: { name: `probe-${randomBytes(4).toString("hex")}` }, spec: { ports: [{ port: 80 }] } },
        dryRun: "All",
      })
      .then(
        () => null,
        (error: k8s.ApiException<unknown>) => error.code,
      );
    expect(refused).toBe(403);
  });
});
