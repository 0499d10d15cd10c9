import { expect, test } from "@playwright/test";
import { signInAt, sql } from "./support/fixtures";
import { DEV_OIDC_PASSWORD } from "../scripts/stack/dev-oidc-users";

// A real authorization-code flow: the portal redirects to the development OIDC provider,
// the user types their credentials there, and the provider redirects back.
test("signs in through the development provider, sees the dashboard, signs out", async ({ page }) => {
  await page.goto("/dashboard");
  await expect(page).toHaveURL(/\/signin/);
  await expect(page.getByRole("heading", { name: "Sign in to Canopy" })).toBeVisible();

  await page.getByRole("button", { name: "Continue with Development sign-in" }).click();
  await expect(page).toHaveTitle("Canopy development sign-in");
  await page.getByLabel("Username").fill("alice");
  await page.getByLabel("Password").fill("wrong-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert")).toHaveText(/wrong username or password/i);

  await page.getByLabel("Username").fill("alice");
  await page.getByLabel("Password").fill(DEV_OIDC_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();

  await expect(page).toHaveURL(/\/dashboard$/);
  await expect(page.getByRole("heading", { name: "Welcome, Alice" })).toBeVisible();
  await expect(page.getByTestId("user-name")).toHaveText("Alice Anderson");

  // The first sign-in created the user, their provider account and a session in PostgreSQL.
  const rows = await sql<{ sessions: number }>(
    `SELECT u.name, u.email_verified IS NOT NULL AS verified, a.provider, a.provider_account_id,
            (SELECT count(*)::int FROM sessions s WHERE s.user_id = u.id) AS sessions
       FROM users u JOIN accounts a ON a.user_id = u.id WHERE u.email = $1`,
    ["alice@canopy.test"],
  );
  expect(rows).toHaveLength(1);
  expect(rows[0]).toMatchObject({
    name: "Alice Anderson",
    verified: true,
    provider: "dev",
    provider_account_id: "dev-alice",
  });
  expect(rows[0]!.sessions).toBeGreaterThan(0);
  // The session cookie's value is 256 bits from the CSPRNG, not next-auth's default UUID.
  const cookie = (await page.context().cookies()).find((c) => c.name === "next-auth.session-token");
  expect(cookie?.value).toMatch(/^[A-Za-z0-9_-]{43}$/);
  expect(Buffer.from(cookie!.value, "base64url")).toHaveLength(32);
  expect(await sql(`SELECT 1 FROM sessions WHERE session_token = $1`, [cookie!.value])).toHaveLength(1);

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/signin/);
  await page.goto("/dashboard");
  await expect(page).toHaveURL(/\/signin/);
});

// Dave's provider does not vouch for his email address (email_verified: false): Canopy
// refuses the sign-in through next-auth's error path and says why, and creates no account
// that could hold an address nobody proved.
test("refuses a sign-in whose provider gives no verified email, with a clear message", async ({ page, browser }) => {
  await page.goto("/dashboard");
  await signInAt(page, "dave");

  await expect(page).toHaveURL(/\/signin\?error=EmailNotVerified/);
  await expect(page.getByRole("alert").filter({ hasText: /did not confirm a verified email address/ })).toBeVisible();
  expect(await sql(`SELECT id FROM users WHERE email = $1`, ["dave@canopy.test"])).toEqual([]);
  expect(await sql(`SELECT id FROM accounts WHERE provider_account_id = $1`, ["dev-dave"])).toEqual([]);

  // Positive control: a verified account signs in the same way (a fresh browser: the
  // provider remembers Dave's session in this one).
  const carol = await (await browser.newContext()).newPage();
  await carol.goto("/dashboard");
  await signInAt(carol, "carol");
  await expect(carol).toHaveURL(/\/dashboard$/);
  await carol.context().close();
});
