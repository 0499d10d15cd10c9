import * as k8s from "@kubernetes/client-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { authorizeWorkspace } from "@/lib/authz/guard";
import type { WorkspaceContext } from "@/lib/authz/context";
import { db } from "@/lib/db/client";
import { adminApi } from "@/lib/kube/client";
import { expandVolume } from "@/lib/storage/expand-volume";
import { expandVolumeInput } from "@/lib/storage/volume-input";
import { provisionWorkspace } from "@/lib/tenancy/provision-workspace";
import { isConflict } from "@/lib/kube/status";
import { teamWorkspace } from "../../support/factories";
import { auditEvents } from "../../support/records";
import { deleteTestClaims, failure, newVolume, trackNamespace, volumeWhen } from "./support";

const GiB = 2 ** 30;
const FIXED_CLASS = "canopy-test-fixed-size";
const FIXED_PLAN = "test-fixed-size-storage";

function expand(context: WorkspaceContext, name: string, size: string) {
  return expandVolume(context, expandVolumeInput.parse({ name, size }));
}

/** A class that cannot grow, and a plan that offers it beside "standard". */
async function fixedSizeClassAndPlan(): Promise<void> {
  const storage = adminApi(k8s.StorageV1Api);
  try {
    await storage.createStorageClass({
      body: {
        metadata: { name: FIXED_CLASS },
        provisioner: "kubernetes.io/host-path",
        reclaimPolicy: "Delete",
        volumeBindingMode: "Immediate",
        allowVolumeExpansion: false,
      },
    });
  } catch (error) {
    if (!isConflict(error)) throw error;
  }
  const team = await db().plan.findUniqueOrThrow({
    where: { id: "team" },
    omit: { id: true, createdAt: true, updatedAt: true },
  });
  const plan = { ...team, name: "Test: fixed-size storage", allowedStorageClasses: ["standard", FIXED_CLASS] };
  await db().plan.upsert({ where: { id: FIXED_PLAN }, create: { id: FIXED_PLAN, ...plan }, update: plan });
}

describe("expanding volumes", () => {
  let context: WorkspaceContext;

  beforeAll(async () => {
    ({ context } = await teamWorkspace({ prefix: "vole", permission: "runtime.write" }));
    trackNamespace(context.namespace);
  });
  afterAll(deleteTestClaims);

  it("grows a bound volume: the claim asks for more and the (dev) resizer delivers it", async () => {
    await newVolume(context, { name: "grow", size: "1Gi" });
    await volumeWhen(context, "grow", "Bound", (v) => v.status === "Bound");

    await expect(expand(context, "grow", "3Gi")).resolves.toEqual({ name: "grow", size: "3Gi" });
    const grown = await volumeWhen(
      context,
      "grow",
      "at 3 GiB (is scripts/stack/dev-volume-resizer.ts running? npm run stack:up starts it)",
      (v) => v.capacityBytes === 3 * GiB,
      30_000,
    );
    expect(grown).toMatchObject({ requestedBytes: 3 * GiB, resizing: false, status: "Bound" });
    const pv = await adminApi(k8s.CoreV1Api).readPersistentVolume({
      name: (
        await adminApi(k8s.CoreV1Api).readNamespacedPersistentVolumeClaim({
          name: "grow",
          namespace: context.namespace,
        })
      ).spec!.volumeName!,
    });
    expect(pv.spec?.capacity?.storage).toBe("3Gi");

    const [event] = await auditEvents(context.workspace.id, "volume.expand");
    expect(event).toMatchObject({
      actorId: context.actor.userId,
      outcome: "SUCCESS",
      targetId: "grow",
      details: { from: "1Gi", to: "3Gi" },
    });
  });

  it("refuses to shrink or to keep the same size", async () => {
    await newVolume(context, { name: "steady", size: "2Gi" });
    await volumeWhen(context, "steady", "Bound", (v) => v.status === "Bound");
    for (const size of ["1Gi", "2Gi", "2048Mi"]) {
      const refused = await failure(() => expand(context, "steady", size));
      expect(refused.code).toBe("INVALID_INPUT");
      expect(refused.fieldErrors?.size).toEqual([
        "Choose a size larger than the current 2 GiB: volumes can grow but never shrink.",
      ]);
    }
    expect((await auditEvents(context.workspace.id, "volume.expand")).map((e) => e.targetId)).not.toContain("steady");
  });

  it("refuses a volume that is not bound yet, and one that does not exist", async () => {
    await newVolume(context, { name: "unbound", volumeMode: "Block" });
    await expect(expand(context, "unbound", "2Gi")).rejects.toMatchObject({
      code: "CONFLICT",
      userMessage: "“unbound” is not bound yet; it can be expanded once it is Bound.",
    });
    await expect(expand(context, "nowhere", "2Gi")).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("refuses when the storage class does not allow expansion", async () => {
    await fixedSizeClassAndPlan();
    const { slug, namespace, context: before } = await teamWorkspace({ prefix: "volf", permission: "runtime.write" });
    trackNamespace(namespace);
    await db().workspace.update({ where: { id: before.workspace.id }, data: { planId: FIXED_PLAN } });
    await provisionWorkspace(before.workspace.id);
    const fixed = await authorizeWorkspace(before.actor, slug, "runtime.write");

    await newVolume(fixed, { name: "fixed", storageClass: FIXED_CLASS });
    const listed = await volumeWhen(fixed, "fixed", "Bound", (v) => v.status === "Bound");
    expect(listed.expandable).toBe(false);
    const refused = await failure(() => expand(fixed, "fixed", "2Gi"));
    expect(refused.fieldErrors?.size).toEqual([`The storage class “${FIXED_CLASS}” does not allow expanding volumes.`]);
  });
});
