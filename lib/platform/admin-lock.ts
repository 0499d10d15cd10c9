import type { Prisma } from "@/lib/db/generated/client";

// Changes to who administers the platform (grant, revoke, disabling an administrator) run
// one after another under this transaction-scoped lock, so "never the last administrator"
// still holds when two administrators act at once.

export const LAST_ADMIN_MESSAGE =
  "The platform must keep at least one active administrator. Grant the role to someone else first.";

export async function lockPlatformAdmins(tx: Prisma.TransactionClient): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('canopy.platform_admins'))`;
}

/** Administrators who can still act: not revoked, and their user not disabled. */
export async function countActiveAdmins(tx: Prisma.TransactionClient): Promise<number> {
  const rows = await tx.$queryRaw<{ count: bigint }[]>`
    SELECT count(*) AS count
      FROM platform_admins a JOIN users u ON u.id = a.user_id
     WHERE a.revoked_at IS NULL AND u.disabled_at IS NULL`;
  return Number(rows[0]?.count ?? 0);
}
