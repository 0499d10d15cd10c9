import { expect, test } from "@playwright/test";
import { DEV_OIDC_PASSWORD } from "../../scripts/stack/dev-oidc-users";
import { db } from "../../lib/db/client";
import { signedInPage } from "../support/fixtures";
import { pageSignedInAs } from "../support/session-page";
import { operatorId, operatorPage, plainUser } from "./fixtures";

// The operator console's flows in the browser: the overview, finding a user and disabling
// them (their open browser is signed out, signing in again is refused with the reason),
// enabling them again, granting and revoking the administrator role, and the audit log with
// its filters; on a laptop and on a phone.

test.describe.configure({ mode: "serial" });

test.afterAll(async () => {
  // Never leave a development user disabled for the other suites.
  await db().user.updateMany({ where: { email: "bob@canopy.test" }, data: { disabledAt: null } });
});

test("an administrator sees the overview, and the header leads there", async ({ browser, baseURL }) => {
  const page = await operatorPage(browser, baseURL!);
  await page.goto("/dashboard");
  await page.getByRole("link", { name: /^Operator/ }).click();
  await expect(page).toHaveURL(/\/admin$/);
  await expect(page.getByRole("heading", { name: "Overview", level: 1 })).toBeVisible();
  const figures = page.getByRole("group", { name: "The platform at a glance" });
  for (const tile of ["Workspaces", "Users", "Running runtimes", "Cost accrued this month"]) {
    await expect(figures.getByText(tile, { exact: true })).toBeVisible();
  }
  await expect(figures).toContainText(/\$\d[\d,]*\.\d\d/);
  const capacity = page.getByRole("region", { name: "Cluster capacity against quotas" });
  await expect(capacity).toContainText(/Overcommit \d+\.\d\d×/);
  await expect(capacity).toContainText(/node/);
  await expect(page.getByRole("heading", { name: "Recent platform events" })).toBeVisible();
  await page.context().close();
});

test("disabling a user signs them out everywhere and refuses their sign-in; enabling lets them back", async ({
  browser,
  baseURL,
}) => {
  const bob = await signedInPage(browser, "bob");
  const admin = await operatorPage(browser, baseURL!);

  await admin.goto("/admin/users");
  await admin.getByLabel("Name or email").fill("bob@canopy.test");
  await admin.getByRole("button", { name: "Search" }).click();
  await expect(admin).toHaveURL(/q=bob%40canopy\.test/);
  await admin.getByRole("link", { name: "Bob Brown" }).click();
  await expect(admin.getByRole("heading", { name: "Bob Brown", level: 1 })).toBeVisible();
  await expect(admin.getByRole("region", { name: "Workspaces" })).toContainText("Personal");

  await admin.getByRole("button", { name: "Disable user" }).click();
  const dialog = admin.getByRole("dialog", { name: "Disable bob@canopy.test?" });
  await dialog.getByLabel("Reason (for the audit log)").fill("browser test");
  await dialog.getByRole("button", { name: "Disable" }).click();
  await expect(dialog).toBeHidden();
  await expect(admin.getByText("bob@canopy.test is disabled and signed out.").first()).toBeVisible();
  await expect(admin.getByText("Disabled", { exact: true })).toBeVisible();

  // Bob's open browser: signed out at its next request, and signing in again is refused.
  await bob.goto("/dashboard");
  await expect(bob).toHaveURL(/\/signin/);
  await signInAttempt(bob);
  await expect(bob.getByText("This account has been disabled by the platform's administrators.")).toBeVisible();

  await admin.getByRole("button", { name: "Enable user" }).click();
  await admin.getByRole("dialog", { name: "Enable bob@canopy.test?" }).getByRole("button", { name: "Enable" }).click();
  await expect(admin.getByText("bob@canopy.test is enabled.").first()).toBeVisible();
  // Signing in works again (a fresh browser: the provider's own session is not the subject).
  const again = await signedInPage(browser, "bob");
  await expect(again.getByRole("heading", { name: /Welcome, Bob/ })).toBeVisible();
  await again.context().close();

  // The audit log has both, filtered to bob by his page's link.
  await admin.getByRole("link", { name: "Audit events about this user" }).click();
  const rows = admin.getByRole("table", { name: "Audit events, newest first" }).getByRole("row");
  await expect(rows.filter({ hasText: "platform.user.enable" }).first()).toBeVisible();
  await expect(rows.filter({ hasText: "platform.user.disable" }).first()).toContainText("browser test");
  await bob.context().close();
  await admin.context().close();
});

/** Bob signs in again in the same browser; the provider may remember him and skip its form. */
async function signInAttempt(page: import("@playwright/test").Page) {
  await page.goto("/signin");
  await page.getByRole("button", { name: "Continue with Development sign-in" }).click();
  await page.waitForURL(/\/interaction\/|\/signin\?error=/);
  if (page.url().includes("/interaction/")) {
    await page.getByLabel("Username").fill("bob");
    await page.getByLabel("Password").fill(DEV_OIDC_PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
  }
  await expect(page).toHaveURL(/\/signin\?error=AccountDisabled/);
}

test("administrators grant and revoke the role; the audit log filters by action and outcome", async ({
  browser,
  baseURL,
}) => {
  const colleague = await plainUser("Cora Colleague");
  const admin = await operatorPage(browser, baseURL!);
  await admin.goto("/admin/admins");
  await admin.getByLabel("Email address").fill("nobody.at.all@canopy.test");
  await admin.getByRole("button", { name: "Grant" }).click();
  await expect(admin.getByText("No one has signed in with this address yet.")).toBeVisible();

  await admin.getByLabel("Email address").fill(colleague.email!);
  await admin.getByRole("button", { name: "Grant" }).click();
  await expect(admin.getByRole("status").filter({ hasText: "is now a platform administrator" })).toBeVisible();
  const row = admin.getByRole("row").filter({ hasText: colleague.email! });
  await expect(row).toContainText("Granted in the console");
  await row.getByRole("button", { name: "Revoke" }).click();
  await admin.getByRole("dialog").getByRole("button", { name: "Revoke" }).click();
  await expect(admin.getByText(`${colleague.email} is no longer an administrator.`).first()).toBeVisible();
  await expect(admin.getByRole("row").filter({ hasText: colleague.email! })).toHaveCount(0);

  await admin.goto("/admin/audit");
  await admin.getByLabel("Action").selectOption("platform.admin.grant");
  await admin.getByRole("button", { name: "Apply filters" }).click();
  await expect(admin).toHaveURL(/action=platform\.admin\.grant/);
  const table = admin.getByRole("table", { name: "Audit events, newest first" });
  await expect(table.getByRole("row").nth(1)).toContainText(colleague.name!);
  await expect(table).not.toContainText("platform.admin.revoke");
  await admin.getByLabel("Action").selectOption("");
  await admin.getByLabel("Outcome").selectOption("DENIED");
  await admin.getByRole("button", { name: "Apply filters" }).click();
  await expect(table.getByRole("row").nth(1)).toContainText("Denied");
  await expect(table).not.toContainText("Success");
  const download = admin.waitForEvent("download");
  await admin.getByRole("link", { name: "Download CSV" }).click();
  expect((await download).suggestedFilename()).toMatch(/^platform-audit-\d{4}-\d\d-\d\d\.csv$/);
  await admin.context().close();
});

test("on a phone the sections are a tab strip and the pages fit", async ({ browser, baseURL }) => {
  const page = await pageSignedInAs(browser, await operatorId(), baseURL!, { viewport: { width: 390, height: 844 } });
  await page.goto("/admin/users");
  const tabs = page.getByRole("navigation", { name: "Operator console" }).filter({ visible: true });
  await expect(tabs.getByRole("link", { name: "Users" })).toHaveAttribute("aria-current", "page");
  await tabs.getByRole("link", { name: "Audit log" }).click();
  await expect(page.getByRole("heading", { name: "Audit log", level: 1 })).toBeVisible();
  for (const path of ["/admin", "/admin/users", "/admin/audit", "/admin/admins"]) {
    await page.goto(path);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow, path).toBeLessThanOrEqual(0);
  }
  await page.context().close();
});
