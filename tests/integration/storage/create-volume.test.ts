import * as k8s from "@kubernetes/client-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { authorizeWorkspace } from "@/lib/authz/guard";
import type { WorkspaceContext } from "@/lib/authz/context";
import { adminApi } from "@/lib/kube/client";
import { deleteVolume } from "@/lib/storage/delete-volume";
import { listVolumes } from "@/lib/storage/list-volumes";
import { createVolumeInput, expandVolumeInput } from "@/lib/storage/volume-input";
import { createVolume } from "@/lib/storage/create-volume";
import { signedInMember, teamWorkspace } from "../../support/factories";
import { auditEvents } from "../../support/records";
import { deleteTestClaims, failure, newVolume, trackNamespace, volumeInput, volumeWhen } from "./support";

function fieldErrors(raw: Record<string, string>) {
  const parsed = createVolumeInput.safeParse({
    name: "data",
    size: "1Gi",
    storageClass: "standard",
    accessMode: "ReadWriteOnce",
    ...raw,
  });
  return parsed.success ? {} : (parsed.error.flatten().fieldErrors as Record<string, string[]>);
}

describe("creating volumes", () => {
  let context: WorkspaceContext;
  let slug: string;

  beforeAll(async () => {
    ({ context, slug } = await teamWorkspace({ prefix: "volc", permission: "runtime.write" }));
    trackNamespace(context.namespace);
  });
  afterAll(deleteTestClaims);

  it("creates a claim as the member that becomes Bound with its capacity, and audits it", async () => {
    await expect(newVolume(context, { name: "data", size: "2Gi", accessMode: "ReadWriteMany" })).resolves.toEqual({
      name: "data",
    });
    const volume = await volumeWhen(context, "data", "Bound", (v) => v.status === "Bound");
    expect(volume).toMatchObject({
      capacityBytes: 2 * 2 ** 30,
      requestedBytes: 2 * 2 ** 30,
      storageClass: "standard",
      accessModes: ["ReadWriteMany"],
      volumeMode: "Filesystem",
      managed: true,
      expandable: true,
      resizing: false,
      pendingReason: null,
      mountedBy: [],
    });
    expect(volume.createdAt).toBeInstanceOf(Date);

    const claim = await adminApi(k8s.CoreV1Api).readNamespacedPersistentVolumeClaim({
      name: "data",
      namespace: context.namespace,
    });
    expect(claim.metadata?.labels).toMatchObject({
      "app.kubernetes.io/managed-by": "canopy",
      "canopy.dev/volume": "data",
    });
    const [event] = await auditEvents(context.workspace.id, "volume.create");
    expect(event).toMatchObject({
      actorId: context.actor.userId,
      outcome: "SUCCESS",
      targetType: "volume",
      targetId: "data",
      details: { size: "2Gi", storageClass: "standard", accessMode: "ReadWriteMany", volumeMode: "Filesystem" },
    });
  });

  it("writes sizes in canonical form", async () => {
    await newVolume(context, { name: "half", size: "1.5Gi" });
    const claim = await adminApi(k8s.CoreV1Api).readNamespacedPersistentVolumeClaim({
      name: "half",
      namespace: context.namespace,
    });
    expect(claim.spec?.resources?.requests?.storage).toBe("1536Mi");
  });

  it("explains bad names and sizes in plain words", () => {
    expect(fieldErrors({ name: "Data_1" }).name).toEqual([
      "Use lowercase letters, digits and hyphens, starting with a letter and ending with a letter or digit.",
    ]);
    expect(fieldErrors({ name: "1data" }).name).toHaveLength(1);
    expect(fieldErrors({ name: "a".repeat(41) }).name).toEqual(["Use at most 40 characters."]);
    expect(fieldErrors({ name: "" }).name).toEqual(["Enter a name."]);
    expect(fieldErrors({ size: " " }).size).toEqual(["Enter a size, such as 10Gi."]);
    expect(fieldErrors({ size: "lots" }).size).toEqual([
      '"lots" is not a size. Use a number and a unit, such as 10Gi.',
    ]);
    expect(fieldErrors({ size: "10" }).size).toEqual(["Add a unit, such as 10Gi: a number alone counts bytes."]);
    expect(fieldErrors({ size: "500Mi" }).size).toEqual([
      "A volume must be between 1 GiB and 1000 GiB; 500Mi is 500 MiB.",
    ]);
    expect(fieldErrors({ size: "1001Gi" }).size).toEqual([
      "A volume must be between 1 GiB and 1000 GiB; 1001Gi is 1001 GiB.",
    ]);
    expect(fieldErrors({ size: "2G" }).size).toEqual(["Use whole mebibytes, such as 1536Mi or 2Gi."]);
    expect(fieldErrors({ accessMode: "ReadWriteSometimes" }).accessMode).toEqual(["Choose an access mode."]);
    expect(fieldErrors({ volumeMode: "Tape" }).volumeMode).toEqual(["Choose Filesystem or Block."]);
    expect(fieldErrors({ size: "1536Mi", name: "ok-name" })).toEqual({});
    expect(expandVolumeInput.safeParse({ name: "data", size: "1Ti" }).success).toBe(false);
  });

  it("refuses a storage class outside the plan's allow-list as a field error", async () => {
    const error = await failure(() =>
      createVolume(context, volumeInput({ name: "elsewhere", storageClass: "canopy-isolation-unlisted" })),
    );
    expect(error.code).toBe("INVALID_INPUT");
    expect(error.fieldErrors?.storageClass).toEqual([
      "“canopy-isolation-unlisted” is not offered on this workspace's plan. Choose “standard”.",
    ]);
    expect((await listVolumes(context)).map((v) => v.name)).not.toContain("elsewhere");
  });

  it("reports a name already in use on the name field", async () => {
    await newVolume(context, { name: "twice" });
    const error = await failure(() => newVolume(context, { name: "twice" }));
    expect(error.fieldErrors?.name).toEqual(["A volume named “twice” already exists in this workspace."]);
  });

  it("shows why a claim stays Pending (the local host-path provisioner cannot make Block volumes)", async () => {
    await newVolume(context, { name: "raw", volumeMode: "Block" });
    const volume = await volumeWhen(context, "raw", "with a pending reason", (v) => v.pendingReason !== null);
    expect(volume).toMatchObject({ status: "Pending", volumeMode: "Block", capacityBytes: null });
    expect(volume.pendingReason).toMatch(/block/i);
  });

  it("lets a viewer list volumes but not create or delete them", async () => {
    const viewer = await signedInMember(context.workspace, "VIEWER", "runtime.read", { provision: true });
    expect((await listVolumes(viewer)).map((v) => v.name)).toContain("data");
    await expect(authorizeWorkspace(viewer.actor, slug, "runtime.write")).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(newVolume(viewer, { name: "sneaky" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(deleteVolume(viewer, { name: "data" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    const developer = await signedInMember(context.workspace, "DEVELOPER", "runtime.write", { provision: true });
    await expect(newVolume(developer, { name: "by-developer" })).resolves.toEqual({ name: "by-developer" });
  });

  it("creates as the member, so the cluster's RBAC is a second wall", async () => {
    const developer = await signedInMember(context.workspace, "DEVELOPER", "runtime.write", { provision: true });
    // Demote the member on the cluster only: the portal still says yes, the cluster's RBAC no.
    const rbac = adminApi(k8s.RbacAuthorizationV1Api);
    const name = `canopy-member-${developer.membership.id}`;
    const binding = await rbac.readNamespacedRoleBinding({ name, namespace: context.namespace });
    await rbac.deleteNamespacedRoleBinding({ name, namespace: context.namespace });
    await rbac.createNamespacedRoleBinding({
      namespace: context.namespace,
      body: {
        metadata: { name },
        roleRef: { ...binding.roleRef, name: "canopy-viewer" },
        subjects: binding.subjects,
      },
    });
    await expect(newVolume(developer, { name: "no-binding" })).rejects.toMatchObject({ code: 403 });
  });

  it("hides a workspace's volumes from members of another workspace", async () => {
    const other = await teamWorkspace({ prefix: "volo", permission: "runtime.write" });
    trackNamespace(other.namespace);
    await expect(authorizeWorkspace(other.context.actor, slug, "runtime.read")).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    expect((await listVolumes(other.context)).map((v) => v.name)).not.toContain("data");
    await expect(deleteVolume(other.context, { name: "data" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect((await listVolumes(context)).map((v) => v.name)).toContain("data");
  });
});
