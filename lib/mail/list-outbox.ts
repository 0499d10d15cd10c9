import { env } from "@/lib/config/env";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";

export interface OutboxMessage {
  id: string;
  to: string;
  subject: string;
  text: string;
  createdAt: Date;
}

/** The development outbox exists only where no SMTP server delivers mail. */
export function devOutboxEnabled(): boolean {
  return !env().SMTP_URL;
}

/**
 * The stored emails addressed to this user, newest first. Only to a verified address:
 * the outbox holds invitation links, and one tenant must not read another's.
 */
export async function listDevOutbox(
  userId: string,
): Promise<{ email: string | null; verified: boolean; messages: OutboxMessage[] }> {
  if (!devOutboxEnabled()) throw AppError.notFound("Outbox");
  const user = await db().user.findUnique({ where: { id: userId }, select: { email: true, emailVerified: true } });
  const email = user?.email ?? null;
  const verified = Boolean(email && user?.emailVerified);
  if (!email || !verified) return { email, verified, messages: [] };
  const messages = await db().outboundEmail.findMany({
    where: { to: { equals: email, mode: "insensitive" } },
    orderBy: { createdAt: "desc" },
    take: 50,
    select: { id: true, to: true, subject: true, text: true, createdAt: true },
  });
  return { email, verified, messages };
}
