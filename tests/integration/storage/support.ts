import * as k8s from "@kubernetes/client-node";
import type { WorkspaceContext } from "@/lib/authz/context";
import { AppError } from "@/lib/errors/app-error";
import { adminApi } from "@/lib/kube/client";
import { createVolume } from "@/lib/storage/create-volume";
import { listVolumes, type VolumeSummary } from "@/lib/storage/list-volumes";
import { createVolumeInput, type CreateVolume } from "@/lib/storage/volume-input";
import { eventually } from "../../support/kube";

// The storage suites' own helpers: volumes created as a member would, read back once they
// reach a state, and the claims they leave behind deleted (workspaces and members come
// from tests/support/factories.ts).

const namespaces = new Set<string>();

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

/** Marks a namespace whose claims deleteTestClaims removes. */
export function trackNamespace(namespace: string): void {
  namespaces.add(namespace);
}
