import * as k8s from "@kubernetes/client-node";
import { afterAll, describe, expect, it } from "vitest";
import { authorizeWorkspace } from "@/lib/authz/guard";
import { expandVolume } from "@/lib/storage/expand-volume";
import { listVolumes } from "@/lib/storage/list-volumes";
import { adminApi } from "@/lib/kube/client";
import { readStorageQuota } from "@/lib/storage/storage-quota";
import { QUOTA_NAME } from "@/lib/tenancy/kube-names";
import { expandVolumeInput } from "@/lib/storage/volume-input";
import { ensurePersonalWorkspace } from "@/lib/workspaces/create-workspace";
import { createUser } from "../../support/factories";
import { deleteTestClaims, failure, newVolume, trackNamespace, volumeWhen } from "./support";

const GiB = 2 ** 30;

// The personal plan allows 20 GiB of storage in at most 5 volumes.
describe("storage quota", () => {
  afterAll(deleteTestClaims);

  it("refuses what does not fit, naming the limit and how much is left", async () => {
    const user = await createUser("Quota");
    const { slug } = await ensurePersonalWorkspace(user);
    const context = await authorizeWorkspace({ userId: user.id }, slug, "runtime.write");
    trackNamespace(context.namespace);
    expect(await readStorageQuota(context)).toEqual({
      storage: { used: 0, hard: 20 * GiB },
      volumes: { used: 0, hard: 5 },
    });

    await newVolume(context, { name: "big", size: "5Gi" });
    const tooBig = await failure(() => newVolume(context, { name: "bigger", size: "16Gi" }));
    const message = "16 GiB exceeds the 15 GiB of storage left in this workspace's quota (5 GiB of 20 GiB in use).";
    expect(tooBig).toMatchObject({ code: "QUOTA_EXCEEDED", userMessage: message, fieldErrors: { size: [message] } });
    await expect(newVolume(context, { name: "fits", size: "15Gi" })).resolves.toEqual({ name: "fits" });

    // Growing a volume draws on the same quota: 5 GiB to 6 GiB needs 1 GiB, and none is left.
    await volumeWhen(context, "big", "Bound", (v) => v.status === "Bound");
    const grow = await failure(() => expandVolume(context, expandVolumeInput.parse({ name: "big", size: "6Gi" })));
    expect(grow.userMessage).toBe("1 GiB exceeds this workspace's storage quota: all 20 GiB are in use.");
    expect(grow.code).toBe("QUOTA_EXCEEDED");
  });

  it("refuses a volume beyond the volume count, naming the count", async () => {
    const user = await createUser("Count");
    const { slug } = await ensurePersonalWorkspace(user);
    const context = await authorizeWorkspace({ userId: user.id }, slug, "runtime.write");
    trackNamespace(context.namespace);
    for (const name of ["v1", "v2", "v3", "v4", "v5"]) await newVolume(context, { name });
    // The quota controller recounts from its own cache and, under load, has written back a
    // count without the newest claim; the API server's admission then lets one too many in.
    // Canopy counts the claims themselves too, so a stale status cannot fool it.
    const core = adminApi(k8s.CoreV1Api);
    const quota = await core.readNamespacedResourceQuota({ name: QUOTA_NAME, namespace: context.namespace });
    quota.status = { ...quota.status, used: { ...quota.status?.used, persistentvolumeclaims: "4" } };
    await core.replaceNamespacedResourceQuotaStatus({ name: QUOTA_NAME, namespace: context.namespace, body: quota });
    const refused = await failure(() => newVolume(context, { name: "v6" }));
    expect(refused).toMatchObject({
      code: "QUOTA_EXCEEDED",
      userMessage:
        "This workspace already has 5 of the 5 volumes its quota allows. Delete a volume first, or move to a larger plan.",
    });
    expect((await listVolumes(context)).map((v) => v.name)).toEqual(["v1", "v2", "v3", "v4", "v5"]);
  });
});
