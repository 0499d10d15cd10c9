import { z } from "zod";
import type { WorkspaceContext } from "@/lib/authz/context";
import { ROLE_LABELS, ROLES, roleAtLeast } from "@/lib/authz/permissions";
import { recordAudit } from "@/lib/audit/record";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import { canChangeRoleOf } from "@/lib/members/member-rules";
import { componentLogger } from "@/lib/observability/logger";
import { provisionWorkspace } from "@/lib/tenancy/provision-workspace";
import { DEFAULT_ENVIRONMENT, environmentRefSchema } from "@/lib/environments/environment-name";

// A member's role may be lower in one environment than in the workspace (a developer who is
// a viewer in prod), never higher. The guard (lib/authz/guard.ts) acts with the lower of
// the two in that environment, and the member's RoleBinding in the environment's namespace
// names that role (lib/tenancy/provision-workspace.ts), so Kubernetes RBAC refuses the same
// things. The default environment always has the workspace role: workspace-wide actions
// are authorized there. "INHERIT" removes the lowering.

const log = componentLogger("environments");

export const setEnvironmentRoleInput = z.object({
  environment: environmentRefSchema,
  membershipId: z.string().trim().min(1, "Choose a member.").max(64),
  role: z.enum([...ROLES, "INHERIT"], "Choose a role."),
});

export async function setEnvironmentRole(
  context: WorkspaceContext,
  input: z.output<typeof setEnvironmentRoleInput>,
): Promise<{ changed: boolean }> {
  if (input.environment === DEFAULT_ENVIRONMENT) {
    throw AppError.invalid("environment", "In the default environment members have their workspace role.");
  }
  const workspaceId = context.workspace.id;
  const changed = await db().$transaction(async (tx) => {
    const [environment, member] = await Promise.all([
      tx.workspaceNamespace.findUnique({
        where: { workspaceId_environment: { workspaceId, environment: input.environment } },
        select: { id: true },
      }),
      tx.membership.findFirst({
        where: { id: input.membershipId, workspaceId },
        select: { id: true, role: true, environmentRoles: { select: { namespaceId: true, role: true } } },
      }),
    ]);
    if (!environment) throw AppError.invalid("environment", "No such environment in this workspace.");
    if (!member) throw AppError.invalid("membershipId", "No such member in this workspace.");
    if (
      !canChangeRoleOf(context.membership.role, { membershipId: member.id, role: member.role, isPersonalOwner: false })
    ) {
      throw AppError.forbidden("Only an owner can change the role of an owner.");
    }
    const current = member.environmentRoles.find((r) => r.namespaceId === environment.id)?.role ?? null;
    const lowered = input.role === "INHERIT" || input.role === member.role ? null : input.role;
    if (lowered && roleAtLeast(lowered, member.role)) {
      throw AppError.invalid(
        "role",
        `A role in one environment can only be lower than the member's workspace role (${ROLE_LABELS[member.role]}).`,
      );
    }
    if (lowered === current) return false;
    const key = { membershipId: member.id, namespaceId: environment.id };
    if (lowered) {
      await tx.environmentRole.upsert({
        where: { membershipId_namespaceId: key },
        create: { ...key, role: lowered },
        update: { role: lowered },
      });
    } else {
      await tx.environmentRole.deleteMany({ where: key });
    }
    await recordAudit(
      {
        workspaceId,
        actor: context.actor,
        action: "environment.roles",
        outcome: "SUCCESS",
        targetType: "membership",
        targetId: member.id,
        details: { environment: input.environment, from: current ?? member.role, to: lowered ?? member.role },
      },
      tx,
    );
    return true;
  });
  // The RoleBinding is replaced right after the commit, so the next cluster call uses the role.
  if (changed) {
    await provisionWorkspace(workspaceId).catch((error) =>
      log.error({ err: error, workspaceId }, "applying the environment role failed; the reconciler will retry"),
    );
  }
  return { changed };
}

/** Each member's role per environment where it is lowered, for the members and environments pages. */
export async function listEnvironmentRoles(
  workspaceId: string,
): Promise<{ membershipId: string; environment: string; role: (typeof ROLES)[number] }[]> {
  const rows = await db().environmentRole.findMany({
    where: { namespace: { workspaceId } },
    select: { membershipId: true, role: true, namespace: { select: { environment: true } } },
  });
  return rows.map((r) => ({ membershipId: r.membershipId, environment: r.namespace.environment, role: r.role }));
}
