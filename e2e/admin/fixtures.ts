import { randomBytes } from "node:crypto";
import type { Browser, Page } from "@playwright/test";
import { db } from "../../lib/db/client";
import { createSession } from "../../tests/support/session";
import { pageSignedInAs } from "../support/session-page";

// The operator console's people: the bootstrap administrator (its address is in the portal's
// CANOPY_PLATFORM_ADMIN_EMAILS, playwright.config.ts), made a user here and signed in by a
// session row, so the guard grants the role on the first request, as it would after the
// first sign-in; and users who are nothing but signed in.

export const OPERATOR_EMAIL = "operator.e2e@canopy.test";

/** The bootstrap administrator's user id (the user is made once per database). */
export async function operatorId(): Promise<string> {
  const user = await db().user.upsert({
    where: { email: OPERATOR_EMAIL },
    create: { email: OPERATOR_EMAIL, name: "Olga Operator", emailVerified: new Date() },
    update: { emailVerified: new Date(), disabledAt: null },
  });
  return user.id;
}

export async function operatorPage(browser: Browser, baseURL: string): Promise<Page> {
  return pageSignedInAs(browser, await operatorId(), baseURL);
}

/** A new user with a verified address and no workspace. */
export async function plainUser(name = "Pat Plain") {
  const tag = randomBytes(4).toString("hex");
  return db().user.create({
    data: { name: `${name} ${tag}`, email: `plain.${tag}@canopy.test`, emailVerified: new Date() },
  });
}

/** The Cookie header value of a new session for `userId`. */
export async function cookieFor(userId: string, baseURL: string): Promise<string> {
  return (await createSession(userId, baseURL)).cookie;
}
