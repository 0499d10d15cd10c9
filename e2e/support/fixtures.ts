import { expect, type Browser, type Page } from "@playwright/test";
import pg from "pg";
import { DEV_OIDC_PASSWORD } from "../../scripts/stack/dev-oidc-users";

// The one fixture module of the browser tests: signing in through the development OIDC
// provider as a person would, creating a team workspace in the browser, and a SQL helper
// for what a test sets up or checks in the portal's database.

export type DevUser = "alice" | "bob" | "carol" | "dave";

/** Continues a sign-in that is on the portal's /signin page, at the development provider. */
export async function signInAt(page: Page, username: DevUser) {
  await page.getByRole("button", { name: "Continue with Development sign-in" }).click();
  await expect(page).toHaveTitle("Canopy development sign-in");
  await submitDevSignIn(page, username);
}

/** Fills in and sends the development provider's sign-in form. */
export async function submitDevSignIn(page: Page, username: DevUser) {
  await page.getByLabel("Username").fill(username);
  await page.getByLabel("Password").fill(DEV_OIDC_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
}

/** Signs in through the development OIDC provider, as a person would. */
export async function signIn(page: Page, username: DevUser, callbackPath = "/dashboard") {
  await page.goto(callbackPath);
  await page.getByRole("button", { name: "Continue with Development sign-in" }).click();
  await submitDevSignIn(page, username);
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
  await submitDevSignIn(page, username);
  await expect(page).toHaveURL(/\/dashboard$/);
  return page;
}

/** Creates a team workspace on /workspaces/new as the signed-in user would, and lands on its page. */
export async function createWorkspaceInBrowser(page: Page, { slug, name }: { slug: string; name: string }) {
  await page.goto("/workspaces/new");
  await page.getByLabel("Name", { exact: true }).fill(name);
  await page.getByLabel("URL name").fill(slug);
  await page.getByRole("button", { name: "Create workspace" }).click();
  await expect(page).toHaveURL(new RegExp(`/w/${slug}$`));
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
