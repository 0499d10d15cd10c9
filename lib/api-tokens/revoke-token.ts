import type { WorkspaceContext } from "@/lib/authz/context";
import { recordAudit } from "@/lib/audit/record";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";

/** Revokes one of the member's own tokens in this workspace; another's is "not found". */
export async function revokeApiToken(context: WorkspaceContext, input: { id: string }): Promise<{ name: string }> {
  return db().$transaction(async (tx) => {
    const token = await tx.apiToken.findFirst({
      where: { id: input.id, membershipId: context.membership.id },
      select: { id: true, name: true, revokedAt: true },
    });
    if (!token) throw AppError.notFound("Token");
    if (token.revokedAt) return { name: token.name };
    await tx.apiToken.update({ where: { id: token.id }, data: { revokedAt: new Date() } });
    await recordAudit(
      {
        workspaceId: context.workspace.id,
        actor: context.actor,
        action: "apiToken.revoke",
        outcome: "SUCCESS",
        targetType: "apiToken",
        targetId: token.id,
        details: { name: token.name },
      },
      tx,
    );
    return { name: token.name };
  });
}
