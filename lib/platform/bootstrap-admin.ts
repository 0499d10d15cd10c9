import { recordPlatformAudit } from "@/lib/audit/record-platform";
import { env } from "@/lib/config/env";
import { db } from "@/lib/db/client";

// The first administrators come from configuration (CANOPY_PLATFORM_ADMIN_EMAILS): a user
// whose address is listed *and verified* (lib/auth/verified-email.ts) becomes one when
// they first meet the platform guard. Only a user with no platform_admins row at all is
// granted, so revoking a configured administrator in the console sticks.

export interface BootstrapCandidate {
  userId: string;
  email: string | null;
  emailVerified: Date | null;
}

export function isBootstrapAdmin(candidate: BootstrapCandidate): boolean {
  if (!candidate.email || !candidate.emailVerified) return false;
  return env().CANOPY_PLATFORM_ADMIN_EMAILS.includes(candidate.email.toLowerCase());
}

/** Grants the role from configuration; true when this call (or a racing one) made the row. */
export async function bootstrapAdmin(candidate: BootstrapCandidate): Promise<boolean> {
  if (!isBootstrapAdmin(candidate)) return false;
  return db().$transaction(async (tx) => {
    const inserted = await tx.$executeRaw`
      INSERT INTO platform_admins (user_id, role, source, granted_at)
      VALUES (${candidate.userId}, 'ADMIN', 'CONFIG', now())
      ON CONFLICT (user_id) DO NOTHING`;
    if (inserted === 1) {
      await recordPlatformAudit(
        {
          actor: { userId: candidate.userId },
          action: "platform.admin.bootstrap",
          outcome: "SUCCESS",
          targetType: "user",
          targetId: candidate.userId,
          details: { email: candidate.email, source: "CANOPY_PLATFORM_ADMIN_EMAILS" },
        },
        tx,
      );
    }
    const row = await tx.platformAdmin.findUnique({ where: { userId: candidate.userId }, select: { revokedAt: true } });
    return row !== null && row.revokedAt === null;
  });
}
