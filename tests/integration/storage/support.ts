import * as k8s from "@kubernetes/client-node";
import type { WorkspaceContext } from "@/lib/authz/context";
import type { Permission, Role } from "@/lib/authz/permissions";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import { adminApi } from "@/lib/kube/client";
import { createVolume } from "@/lib/storage/create-volume";
import { listVolumes, type VolumeSummary } from "@/lib/storage/list-volumes";
import { createVolumeInput, type CreateVolume } from "@/lib/storage/volume-input";
import * as factories from "../../support/factories";
import { eventually } from "../../support/kube";

// Shared set-up for the storage suites: workspaces made through the domain, members
// added in the database and provisioned, volumes created as a member would.

const namespaces = new Set<string>();

export async function teamWorkspace(prefix = "vol") {
  const { owner, slug, namespace, context } = await factories.teamWorkspace({ prefix, permission: "runtime.write" });
  namespaces.add(namespace);
  return { owner, slug, context };
}

/** A provisioned member with `role`, as the guard sees them for `permission`. */
export async function addMember(slug: string, role: Role, permission: Permission): Promise<WorkspaceContext> {
  const workspace = await db().workspace.findUniqueOrThrow({ where: { slug } });
  const { user } = await factories.addMember(workspace.id, role, { provision: true });
  return factories.signedInAs(user.id, slug, permission);
}

/** Input as the form sends it, parsed by the same schema as the server action. */
export function volumeInput(fields: Partial<Record<keyof CreateVolume, string>> & { name: string }): CreateVolume {
  return createVolumeInput.parse({ size: "1Gi", storageClass: "standard", accessMode: "ReadWriteOnce", ...fields });
}

export function newVolume(context: WorkspaceContext, fields: Parameters<typeof volumeInput>[0]) {
  return createVolume(context, volumeInput(fields));
}

/** The volume as listed once `ready` holds for it. */
export function volumeWhen(
  context: WorkspaceContext,
  name: string,
  what: string,
  ready: (v: VolumeSummary) => boolean,
  ms?: number,
): Promise<VolumeSummary> {
  return eventually(
    `volume ${name} ${what}`,
    async () => (await listVolumes(context)).find((v) => v.name === name && ready(v)),
    ms,
  );
}

/** The AppError a call fails with. */
export async function failure(call: () => Promise<unknown>): Promise<AppError> {
  try {
    await call();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error("expected the call to fail");
}

export function auditEvents(workspaceId: string, action: string) {
  return db().auditEvent.findMany({ where: { workspaceId, action }, orderBy: { id: "asc" } });
}

/** Deletes the claims the suite left behind, so host-path volumes do not pile up. */
export async function deleteTestClaims(): Promise<void> {
  const core = adminApi(k8s.CoreV1Api);
  await Promise.all(
    [...namespaces].map((namespace) =>
      core.deleteCollectionNamespacedPersistentVolumeClaim({ namespace }).catch(() => undefined),
    ),
  );
  namespaces.clear();
}

export function trackNamespace(namespace: string): void {
  namespaces.add(namespace);
}
