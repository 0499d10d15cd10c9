import type { WorkspaceContext } from "@/lib/authz/context";
import { can, type Permission, type Role } from "@/lib/authz/permissions";
import { recordAudit } from "@/lib/audit/record";
import { db } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import { AppError } from "@/lib/errors/app-error";
import { provisionWorkspace } from "@/lib/tenancy/provision-workspace";
import { componentLogger } from "@/lib/observability/logger";

const log = componentLogger("tenancy");

// Shared steps of the membership transactions. Every change to a workspace's members
// first locks the workspace row, so the changes of one workspace run one after another
// and a rule that counts owners still holds when two requests race.

type Tx = Prisma.TransactionClient;

export interface LockedWorkspace {
  id: string;
  slug: string;
  kind: "PERSONAL" | "TEAM";
  personalOwnerId: string | null;
}

/** Locks the (live) workspace row until the transaction ends; NOT_FOUND once it is being deleted. */
export async function lockWorkspace(tx: Tx, workspaceId: string): Promise<LockedWorkspace> {
  const rows = await tx.$queryRaw<
    { id: string; slug: string; kind: "PERSONAL" | "TEAM"; personal_owner_id: string | null }[]
  >`
    SELECT id, slug, kind::text AS kind, personal_owner_id
      FROM workspaces
     WHERE id = ${workspaceId} AND deleted_at IS NULL
       FOR UPDATE`;
  const row = rows[0];
  if (!row) throw AppError.notFound("Workspace");
  return { id: row.id, slug: row.slug, kind: row.kind, personalOwnerId: row.personal_owner_id };
}

/**
 * The actor's role as it is now, under the lock (the guard read it before the lock, and
 * it may have changed since), checked against `permission` once more.
 */
export async function lockedActorRole(tx: Tx, context: WorkspaceContext, permission: Permission): Promise<Role> {
  const self = await tx.membership.findFirst({
    where: { id: context.membership.id, workspaceId: context.workspace.id },
    select: { role: true },
  });
  if (!self) throw AppError.notFound("Workspace");
  if (!can(self.role, permission)) throw AppError.forbidden();
  return self.role;
}

/** A member of this workspace by membership id; an id from another workspace is NOT_FOUND. */
export async function findMember(tx: Tx, workspaceId: string, membershipId: string) {
  const member = await tx.membership.findFirst({
    where: { id: membershipId, workspaceId },
    select: { id: true, userId: true, role: true, user: { select: { name: true, email: true } } },
  });
  if (!member) throw AppError.notFound("Member");
  return member;
}

export function countOwners(tx: Tx, workspaceId: string): Promise<number> {
  return tx.membership.count({ where: { workspaceId, role: "OWNER" } });
}

/**
 * Runs a membership transaction; a refusal for lack of rights is recorded as DENIED
 * (outside the rolled-back transaction) before it is rethrown.
 */
export async function withDeniedAudit<T>(
  context: WorkspaceContext,
  action: string,
  target: { type: string; id: string } | null,
  run: () => Promise<T>,
): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof AppError && error.code === "FORBIDDEN") {
      await recordAudit({
        workspaceId: context.workspace.id,
        actor: context.actor,
        action,
        outcome: "DENIED",
        targetType: target?.type,
        targetId: target?.id,
        details: { role: context.membership.role, reason: error.userMessage },
      });
    }
    throw error;
  }
}

/**
 * Brings the cluster in line after a committed change (ServiceAccounts, RoleBindings).
 * A failure is logged, not thrown: PostgreSQL already holds the truth and the
 * reconciler converges the workspace again.
 */
export async function syncMembersToCluster(workspaceId: string): Promise<boolean> {
  try {
    await provisionWorkspace(workspaceId);
    return true;
  } catch (error) {
    log.error({ err: error, workspaceId }, "updating member identities failed; the reconciler will retry");
    return false;
  }
}

/**
 * The frame of a change to one membership, with `permission` as the audited action: a
 * refusal is recorded as DENIED; inside one transaction the workspace is locked and the
 * actor's role re-read before `change` runs; after the commit the cluster is brought in line.
 */
export async function changeMembership<T>(
  context: WorkspaceContext,
  permission: Permission,
  membershipId: string,
  change: (tx: Tx, locked: { workspace: LockedWorkspace; actorRole: Role }) => Promise<T>,
): Promise<T> {
  const workspaceId = context.workspace.id;
  const result = await withDeniedAudit(context, permission, { type: "membership", id: membershipId }, () =>
    db().$transaction(async (tx) => {
      const workspace = await lockWorkspace(tx, workspaceId);
      const actorRole = await lockedActorRole(tx, context, permission);
      return change(tx, { workspace, actorRole });
    }),
  );
  await syncMembersToCluster(workspaceId);
  return result;
}

/** Records a successful change to one membership, in the transaction that made it. */
export function recordMembershipChange(
  tx: Tx,
  context: WorkspaceContext,
  action: Permission,
  targetId: string,
  details: Prisma.InputJsonObject,
): Promise<void> {
  return recordAudit(
    {
      workspaceId: context.workspace.id,
      actor: context.actor,
      action,
      outcome: "SUCCESS",
      targetType: "membership",
      targetId,
      details,
    },
    tx,
  );
}
