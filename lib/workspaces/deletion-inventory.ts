import type { WorkspaceContext } from "@/lib/authz/context";
import { db } from "@/lib/db/client";
import { listRuntimeNames } from "@/lib/runtimes/list-runtimes";
import { listVolumeSizes } from "@/lib/storage/list-volumes";
import { formatBytes } from "@/lib/storage/size";

/** What deleting the workspace destroys, for its confirmation dialog. */
export interface DeletionInventory {
  runtimes: string[];
  volumes: { name: string; size: string }[];
  /** Other members, whose memberships end. */
  otherMembers: number;
  pendingInvitations: number;
  /** Kubeconfigs not yet expired or revoked; they stop working. */
  liveKubeconfigs: number;
  publicAddresses: string[];
}

/** Reads what is in the workspace now: runtimes and volumes as the member, the rest from the database. */
export async function deletionInventory(context: WorkspaceContext, now = new Date()): Promise<DeletionInventory> {
  const workspaceId = context.workspace.id;
  const [runtimes, volumes, members, pendingInvitations, liveKubeconfigs, endpoints] = await Promise.all([
    // Names and sizes only: the settings page reads this on every view, for a dialog.
    listRuntimeNames(context),
    listVolumeSizes(context),
    db().membership.count({ where: { workspaceId } }),
    db().invitation.count({ where: { workspaceId, acceptedAt: null, declinedAt: null, revokedAt: null } }),
    db().kubeconfigCredential.count({
      where: { membership: { workspaceId }, revokedAt: null, expiresAt: { gt: now } },
    }),
    db().publicEndpoint.findMany({ where: { workspaceId }, select: { host: true }, orderBy: { host: "asc" } }),
  ]);
  return {
    runtimes,
    volumes: volumes.map((v) => ({ name: v.name, size: formatBytes(v.requestedBytes) })),
    otherMembers: Math.max(0, members - 1),
    pendingInvitations,
    liveKubeconfigs,
    publicAddresses: endpoints.map((e) => e.host),
  };
}
