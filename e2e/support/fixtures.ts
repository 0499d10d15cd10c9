import { expect, type Browser, type Page } from "@playwright/test";
import pg from "pg";
import { DEV_OIDC_PASSWORD } from "../../scripts/stack/dev-oidc-users";

// The one fixture module of the browser tests: signing in through the development OIDC
// provider as a person would, and a SQL helper for what a test sets up or checks in the
// portal's database.

export type DevUser = "alice" | "bob" | "carol" | "dave";

/** Continues a sign-in that is on the portal's /signin page, at the development provider. */
export async function signInAt(page: Page, username: DevUser) {
  await page.getByRole("button", { name: "Continue with Development sign-in" }).click();
  await expect(page).toHaveTitle("Canopy development sign-in");
  await page.getByLabel("Username").fill(username);
  await page.getByLabel("Password").fill(DEV_OIDC_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
}

/** Signs in through the development OIDC provider, as a person would. */
export async function signIn(page: Page, username: DevUser, callbackPath = "/dashboard") {
  await page.goto(callbackPath);
  await page.getByRole("button", { name: "Continue with Development sign-in" }).click();
  await page.getByLabel("Username").fill(username);
  await page.getByLabel("Password").fill(DEV_OIDC_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).not.toHaveURL(/\/signin|\/interaction\//);
}

/** A new browser context signed in as `username`, on the dashboard. */
export async function signedInPage(browser: Browser, username: DevUser): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto("/dashboard");
  // The button works once the page has hydrated: click until the provider's form shows.
  const usernameField = page.getByLabel("Username");
  await expect(async () => {
    if (!(await usernameField.isVisible())) {
      await page.getByRole("button", { name: "Continue with Development sign-in" }).click({ timeout: 2_000 });
    }
    await expect(usernameField).toBeVisible({ timeout: 3_000 });
  }).toPass({ timeout: 30_000 });
  await usernameField.fill(username);
  await page.getByLabel("Password").fill(DEV_OIDC_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
  return page;
}

/** Runs one statement against the portal's database and returns its rows. */
export async function sql<T extends pg.QueryResultRow = pg.QueryResultRow>(
  text: string,
  values: unknown[] = [],
): Promise<T[]> {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    return (await client.query<T>(text, values)).rows;
  } finally {
    await client.end();
  }
}
