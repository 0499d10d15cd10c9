import type { Browser, BrowserContextOptions, Page } from "@playwright/test";
import { createSession } from "../../tests/support/session";

/**
 * A new browser context signed in as `userId` by a session row written for it (no trip
 * through the sign-in provider), for tests whose subject is not signing in.
 */
export async function pageSignedInAs(
  browser: Browser,
  userId: string,
  baseURL: string,
  options: BrowserContextOptions = {},
): Promise<Page> {
  const session = await createSession(userId, baseURL);
  const context = await browser.newContext(options);
  const [name, value] = session.cookie.split("=") as [string, string];
  await context.addCookies([{ name, value, url: baseURL }]);
  return context.newPage();
}

/** Collects the page's uncaught errors and console errors, to assert there were none. */
export function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(`pageerror: ${error.message}`));
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(`console: ${message.text()}`);
  });
  return errors;
}
