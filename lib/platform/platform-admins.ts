import { z } from "zod";
import { recordPlatformAudit } from "@/lib/audit/record-platform";
import type { PlatformContext } from "@/lib/authz/context";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import { LAST_ADMIN_MESSAGE, countActiveAdmins, lockPlatformAdmins } from "@/lib/platform/admin-lock";

// Platform administrators after the bootstrap (lib/platform/bootstrap-admin.ts): an
// administrator grants the role to a user who has signed in, or revokes it; the platform
// always keeps at least one active administrator.

export const grantPlatformAdminInput = z.object({
  email: z.email("Enter the email address the person signs in with.").trim().toLowerCase().max(320),
});
export const revokePlatformAdminInput = z.object({
  userId: z.string().trim().min(1, "Choose an administrator.").max(64),
});

export interface PlatformAdminRow {
  userId: string;
  name: string | null;
  email: string | null;
  source: "CONFIG" | "CONSOLE";
  grantedAt: Date;
  disabled: boolean;
}

export async function listPlatformAdmins(): Promise<PlatformAdminRow[]> {
  const rows = await db().platformAdmin.findMany({
    where: { revokedAt: null },
    orderBy: { grantedAt: "asc" },
    select: {
      userId: true,
      source: true,
      grantedAt: true,
      user: { select: { name: true, email: true, disabledAt: true } },
    },
  });
  return rows.map((r) => ({
    userId: r.userId,
    name: r.user.name,
    email: r.user.email,
    source: r.source,
    grantedAt: r.grantedAt,
    disabled: r.user.disabledAt !== null,
  }));
}

export async function grantPlatformAdmin(
  context: PlatformContext,
  input: z.output<typeof grantPlatformAdminInput>,
): Promise<{ userId: string }> {
  const user = await db().user.findFirst({
    where: { email: { equals: input.email, mode: "insensitive" } },
    select: { id: true, email: true, disabledAt: true },
  });
  if (!user) throw AppError.invalid("email", "No one has signed in with this address yet.");
  if (user.disabledAt) throw AppError.invalid("email", "This user is disabled. Enable them first.");
  return db().$transaction(async (tx) => {
    await lockPlatformAdmins(tx);
    const existing = await tx.platformAdmin.findUnique({ where: { userId: user.id } });
    if (existing && !existing.revokedAt) throw new AppError("CONFLICT", "This user is already an administrator.");
    await tx.platformAdmin.upsert({
      where: { userId: user.id },
      create: { userId: user.id, source: "CONSOLE", grantedBy: context.actor.userId },
      update: { source: "CONSOLE", grantedBy: context.actor.userId, grantedAt: new Date(), revokedAt: null },
    });
    await recordPlatformAudit(
      {
        actor: context.actor,
        action: "platform.admin.grant",
        outcome: "SUCCESS",
        targetType: "user",
        targetId: user.id,
        details: { email: user.email },
      },
      tx,
    );
    return { userId: user.id };
  });
}

export async function revokePlatformAdmin(
  context: PlatformContext,
  input: z.output<typeof revokePlatformAdminInput>,
): Promise<void> {
  await db().$transaction(async (tx) => {
    await lockPlatformAdmins(tx);
    const existing = await tx.platformAdmin.findUnique({
      where: { userId: input.userId },
      select: { revokedAt: true, user: { select: { email: true, disabledAt: true } } },
    });
    if (!existing || existing.revokedAt) throw AppError.notFound("That administrator");
    // A disabled administrator does not count; revoking them never leaves the platform without one.
    if (!existing.user.disabledAt && (await countActiveAdmins(tx)) <= 1) {
      throw new AppError("CONFLICT", LAST_ADMIN_MESSAGE);
    }
    await tx.platformAdmin.update({ where: { userId: input.userId }, data: { revokedAt: new Date() } });
    await recordPlatformAudit(
      {
        actor: context.actor,
        action: "platform.admin.revoke",
        outcome: "SUCCESS",
        targetType: "user",
        targetId: input.userId,
        details: { email: existing.user.email },
      },
      tx,
    );
  });
}
