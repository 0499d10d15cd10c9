import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import { can, type Permission, type Role } from "@/lib/authz/permissions";
import { recordAudit } from "@/lib/audit/record";

// The one authorization guard: session (the caller passes the signed-in user), then
// membership, then role, then permission. It is the only way a handler reaches a
// workspace. The workspace is looked up by slug *together with* the user's membership,
// so a workspace the user does not belong to is simply "not found".

export interface Actor {
  userId: string;
  clientAddress?: string | null;
}

export interface WorkspaceContext {
  actor: Actor;
  workspace: {
    id: string;
    slug: string;
    displayName: string;
    kind: "PERSONAL" | "TEAM";
    status: string;
    planId: string;
  };
  /** The workspace's Kubernetes namespace, derived on the server, never from the request. */
  namespace: string;
  membership: { id: string; role: Role };
}

export async function authorizeWorkspace(
  actor: Actor,
  workspaceSlug: string,
  permission: Permission,
): Promise<WorkspaceContext> {
  const membership = await db().membership.findFirst({
    where: { userId: actor.userId, workspace: { slug: workspaceSlug, deletedAt: null } },
    select: {
      id: true,
      role: true,
      workspace: {
        select: {
          id: true,
          slug: true,
          displayName: true,
          kind: true,
          status: true,
          planId: true,
          namespaces: { where: { environment: "default" }, select: { name: true } },
        },
      },
    },
  });
  if (!membership) throw AppError.notFound("Workspace");
  const { namespaces, ...workspace } = membership.workspace;
  const namespace = namespaces[0]?.name;
  if (!namespace) throw new AppError("INTERNAL", "This workspace has no namespace yet. Please try again shortly.");

  if (!can(membership.role, permission)) {
    await recordAudit({
      workspaceId: workspace.id,
      actor,
      action: permission,
      outcome: "DENIED",
      details: { role: membership.role },
    });
    throw AppError.forbidden();
  }
  return { actor, workspace, namespace, membership: { id: membership.id, role: membership.role } };
}
