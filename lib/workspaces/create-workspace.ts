import { z } from "zod";
import type { Actor } from "@/lib/authz/context";
import { recordAudit } from "@/lib/audit/record";
import { env } from "@/lib/config/env";
import { db } from "@/lib/db/client";
import { Prisma } from "@/lib/db/generated/client";
import { AppError } from "@/lib/errors/app-error";
import { enforceRateLimit } from "@/lib/rate-limits/enforce-rate-limit";
import { NamespaceTakenError, namespaceIsFree } from "@/lib/tenancy/claim-namespace";
import { workspaceNamespaceName } from "@/lib/tenancy/kube-names";
import { provisionWorkspace } from "@/lib/tenancy/provision-workspace";
import { personalSlug, slugSchema } from "@/lib/workspaces/slug";
import { componentLogger } from "@/lib/observability/logger";

const log = componentLogger("tenancy");

export const createWorkspaceInput = z.object({
  displayName: z.string().trim().min(2, "Use at least 2 characters.").max(60, "Use at most 60 characters."),
  slug: slugSchema,
});

interface NewWorkspace {
  slug: string;
  displayName: string;
  kind: "PERSONAL" | "TEAM";
  planId: string;
  ownerId: string;
}

function isUniqueViolation(error: unknown, field: string): boolean {
  return (
    error instanceof Prisma.PrismaClientKnownRequestError &&
    error.code === "P2002" &&
    JSON.stringify(error.meta ?? {}).includes(field)
  );
}

type Tx = Prisma.TransactionClient;

async function slugInUse(slug: string): Promise<boolean> {
  return (await db().workspace.count({ where: { slug } })) > 0;
}

/**
 * Writes the workspace, its namespace row, the owner's membership and the audit event in
 * one transaction (after `check`, which runs first inside it), then provisions the
 * cluster. If provisioning fails the workspace stays PROVISIONING and the reconciler
 * finishes it; nothing is left half-written in Postgres. A namespace of that name that
 * already exists is never adopted: the workspace is refused before anything is written,
 * or, when the namespace appeared meanwhile, taken back out (see discardWorkspace).
 */
async function insertAndProvision(
  actor: Actor | null,
  workspace: NewWorkspace,
  check?: (tx: Tx) => Promise<void>,
): Promise<{ id: string; slug: string }> {
  const namespace = workspaceNamespaceName(workspace.slug);
  // A slug this installation already uses fails on its unique column below, with its own message.
  if (!(await namespaceIsFree(namespace)) && !(await slugInUse(workspace.slug))) {
    throw new NamespaceTakenError(namespace);
  }
  const created = await db().$transaction(async (tx) => {
    await check?.(tx);
    const row = await tx.workspace.create({
      data: {
        slug: workspace.slug,
        displayName: workspace.displayName,
        kind: workspace.kind,
        planId: workspace.planId,
        createdById: workspace.ownerId,
        personalOwnerId: workspace.kind === "PERSONAL" ? workspace.ownerId : null,
        namespaces: { create: { name: namespace } },
        memberships: { create: { userId: workspace.ownerId, role: "OWNER" } },
      },
      select: { id: true, slug: true },
    });
    await recordAudit(
      {
        workspaceId: row.id,
        actor: actor ?? { userId: workspace.ownerId },
        action: "workspace.create",
        outcome: "SUCCESS",
        targetType: "workspace",
        targetId: row.id,
        details: { slug: workspace.slug, kind: workspace.kind, plan: workspace.planId },
      },
      tx,
    );
    return row;
  });
  try {
    await provisionWorkspace(created.id);
  } catch (error) {
    if (error instanceof NamespaceTakenError) {
      await discardWorkspace(actor ?? { userId: workspace.ownerId }, created.id, error);
      throw error;
    }
    log.error({ err: error, workspaceId: created.id }, "provisioning failed; the reconciler will retry");
  }
  return created;
}

/**
 * Takes back a workspace whose namespace turned out to be someone else's before anything
 * of it reached the cluster: its rows go (memberships and the namespace row with it), the
 * audit trail keeps the creation and gains the failure.
 */
async function discardWorkspace(actor: Actor, workspaceId: string, error: NamespaceTakenError): Promise<void> {
  await db().$transaction(async (tx) => {
    await recordAudit(
      {
        workspaceId,
        actor,
        action: "workspace.create",
        outcome: "FAILED",
        targetType: "workspace",
        targetId: workspaceId,
        details: { reason: "namespace exists with another owner", namespace: error.namespace },
      },
      tx,
    );
    await tx.workspace.delete({ where: { id: workspaceId } });
  });
}

/**
 * Holds the limit of team workspaces per user under concurrent requests: the creator's
 * user row is locked first, so one user's creations count and insert one at a time.
 */
async function assertBelowTeamLimit(tx: Tx, userId: string, fallback: number): Promise<void> {
  await tx.$queryRaw`SELECT id FROM users WHERE id = ${userId} FOR UPDATE`;
  // The plan of the user's personal workspace sets their limit; without one, the installation's.
  const personal = await tx.workspace.findUnique({
    where: { personalOwnerId: userId },
    select: { plan: { select: { teamWorkspaceLimit: true } } },
  });
  const limit = personal?.plan.teamWorkspaceLimit ?? fallback;
  const owned = await tx.workspace.count({ where: { createdById: userId, kind: "TEAM", deletedAt: null } });
  if (owned >= limit) {
    throw new AppError(
      "LIMIT_REACHED",
      `You can create at most ${limit} team workspaces. Delete one or ask the operator for more.`,
    );
  }
}

export async function createTeamWorkspace(
  actor: Actor,
  input: z.output<typeof createWorkspaceInput>,
): Promise<{ slug: string }> {
  const config = env();
  await enforceRateLimit("workspace.create", { user: actor.userId }, { workspaceId: null, actor });
  try {
    return await insertAndProvision(
      actor,
      { ...input, kind: "TEAM", planId: config.CANOPY_TEAM_PLAN, ownerId: actor.userId },
      (tx) => assertBelowTeamLimit(tx, actor.userId, config.CANOPY_MAX_TEAM_WORKSPACES_PER_USER),
    );
  } catch (error) {
    if (isUniqueViolation(error, "slug")) throw AppError.invalid("slug", "This URL name is already taken.");
    throw error;
  }
}

/**
 * The user's personal workspace, created on first sign-in (and on any later visit if that
 * failed). At most one per user: a unique column makes concurrent first requests safe.
 */
export async function ensurePersonalWorkspace(user: {
  id: string;
  name?: string | null;
  email?: string | null;
}): Promise<{ slug: string }> {
  const existing = await db().workspace.findUnique({ where: { personalOwnerId: user.id }, select: { slug: true } });
  if (existing) return existing;
  const displayName = user.name ? `${user.name}'s workspace` : "Personal workspace";
  for (let attempt = 0; ; attempt++) {
    try {
      return await insertAndProvision(null, {
        slug: personalSlug(user.email ?? user.name ?? "user"),
        displayName,
        kind: "PERSONAL",
        planId: env().CANOPY_PERSONAL_PLAN,
        ownerId: user.id,
      });
    } catch (error) {
      if (isUniqueViolation(error, "personal_owner_id")) {
        return db().workspace.findUniqueOrThrow({ where: { personalOwnerId: user.id }, select: { slug: true } });
      }
      const slugTaken = isUniqueViolation(error, "slug") || error instanceof NamespaceTakenError;
      if (slugTaken && attempt < 3) continue;
      throw error;
    }
  }
}
