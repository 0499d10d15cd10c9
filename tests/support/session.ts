import { randomBytes } from "node:crypto";
import { sessionCookieName } from "@/lib/auth/session-cookie";
import { db } from "@/lib/db/client";

// next-auth v4 keeps database sessions in the sessions table and finds them by the
// session cookie's value, so a test can sign a user in by writing the row itself.

export interface TestSession {
  sessionToken: string;
  /** The value of a Cookie header that signs the request in. */
  cookie: string;
}

/** A session for `userId` that lasts `ttlMs` (one hour by default). */
export async function createSession(userId: string, portalUrl: string, ttlMs = 60 * 60 * 1000): Promise<TestSession> {
  const sessionToken = randomBytes(32).toString("hex");
  await db().session.create({ data: { sessionToken, userId, expires: new Date(Date.now() + ttlMs) } });
  return { sessionToken, cookie: `${sessionCookieName(portalUrl)}=${sessionToken}` };
}
