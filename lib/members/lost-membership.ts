import { db } from "@/lib/db/client";

export interface LostMembership {
  workspaceName: string;
  /** Removed by someone else, or left by themselves. */
  how: "removed" | "left";
  at: Date;
}

/**
 * Whether `userId` once belonged to the workspace `slug` and no longer does (removed or
 * left, as its audit log records), so the console can tell them so instead of a bare
 * "not found". Anyone who never belonged, or who belongs now, gets null: nothing about a
 * workspace is told to a stranger.
 */
export async function lostMembership(userId: string, slug: string): Promise<LostMembership | null> {
  const workspace = await db().workspace.findFirst({
    where: { slug, deletedAt: null },
    select: { id: true, displayName: true, memberships: { where: { userId }, select: { id: true } } },
  });
  if (!workspace || workspace.memberships.length > 0) return null;
  const event = await db().auditEvent.findFirst({
    where: {
      workspaceId: workspace.id,
      outcome: "SUCCESS",
      OR: [
        { action: "member.remove", details: { path: ["userId"], equals: userId } },
        { action: "member.leave", actorId: userId },
      ],
    },
    orderBy: { createdAt: "desc" },
    select: { action: true, createdAt: true },
  });
  if (!event) return null;
  return {
    workspaceName: workspace.displayName,
    how: event.action === "member.remove" ? "removed" : "left",
    at: event.createdAt,
  };
}
