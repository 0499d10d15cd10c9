import { recordPlatformAudit } from "@/lib/audit/record-platform";
import type { Actor, PlatformContext } from "@/lib/authz/context";
import { canPlatform, type PlatformPermission, type PlatformRole } from "@/lib/authz/platform-permissions";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import { bootstrapAdmin } from "@/lib/platform/bootstrap-admin";

// The platform guard: the one way a handler reaches the operator console. Session (the
// caller passes the signed-in user), then the user's platform role, then the permission
// from the one table (lib/authz/platform-permissions.ts). Anyone else, a disabled user
// included, is told the page does not exist (404: the console is not advertised), and the
// refusal is written to the platform audit log.

export type { PlatformContext } from "@/lib/authz/context";
export type { PlatformPermission } from "@/lib/authz/platform-permissions";

interface AdminRow {
  id: string;
  email: string | null;
  email_verified: Date | null;
  disabled_at: Date | null;
  role: PlatformRole | null;
  has_row: boolean;
  revoked_at: Date | null;
}

async function deny(actor: Actor, permission: PlatformPermission, reason: string): Promise<never> {
  await recordPlatformAudit({ actor, action: permission, outcome: "DENIED", details: { reason } });
  throw AppError.notFound("That page");
}

/** The user's platform role now, or null; grants the configured bootstrap role on first use. */
async function platformRoleOf(actor: Actor): Promise<{ role: PlatformRole | null; reason: string }> {
  const rows = await db().$queryRaw<AdminRow[]>`
    SELECT u.id, u.email, u.email_verified, u.disabled_at, a.role::text AS role,
           (a.user_id IS NOT NULL) AS has_row, a.revoked_at
      FROM users u
      LEFT JOIN platform_admins a ON a.user_id = u.id
     WHERE u.id = ${actor.userId}`;
  const row = rows[0];
  if (!row) return { role: null, reason: "unknown user" };
  if (row.disabled_at) return { role: null, reason: "user disabled" };
  if (row.has_row) {
    return row.revoked_at ? { role: null, reason: "administrator role revoked" } : { role: row.role, reason: "" };
  }
  const granted = await bootstrapAdmin({ userId: row.id, email: row.email, emailVerified: row.email_verified });
  return granted ? { role: "ADMIN", reason: "" } : { role: null, reason: "not a platform administrator" };
}

export async function authorizePlatform(actor: Actor, permission: PlatformPermission): Promise<PlatformContext> {
  const { role, reason } = await platformRoleOf(actor);
  if (!role) return deny(actor, permission, reason);
  if (!canPlatform(role, permission)) return deny(actor, permission, `role ${role} lacks ${permission}`);
  return { actor, admin: { userId: actor.userId } };
}

/** Whether the user may open the operator console (the header's link); records nothing. */
export async function isPlatformAdmin(userId: string): Promise<boolean> {
  const { role } = await platformRoleOf({ userId });
  return role !== null && canPlatform(role, "platform.read");
}
