import { randomBytes } from "node:crypto";
import { expect, test } from "@playwright/test";
import { createWorkspaceInBrowser, signInAt, sql } from "./support/fixtures";

// The console's frame: where sign-in lands, and the workspace's sections down the left on
// wide screens (a tab strip on phones) instead of a sidebar holding only "Dashboard".

const SLUG_PREFIX = "shell-e2e-";

async function retireWorkspaces() {
  await sql(
    `WITH retired AS (
       UPDATE workspaces SET status = 'DELETING', deleted_at = now()
        WHERE slug LIKE $1 AND kind = 'TEAM' AND deleted_at IS NULL RETURNING id)
     DELETE FROM memberships WHERE workspace_id IN (SELECT id FROM retired)`,
    [`${SLUG_PREFIX}%`],
  );
}
// Bob, with no open invitation (one would take him to the dashboard, which lists it).
test.beforeAll(async () => {
  await retireWorkspaces();
  await sql(
    `UPDATE invitations SET revoked_at = now()
      WHERE email = 'bob@canopy.test' AND accepted_at IS NULL AND declined_at IS NULL AND revoked_at IS NULL`,
  );
});
test.afterAll(retireWorkspaces);

test("sign-in lands in the workspace last opened, not on the dashboard", async ({ page, browser }) => {
  const slug = `${SLUG_PREFIX}${randomBytes(3).toString("hex")}`;
  await page.goto("/");
  await expect(page).toHaveURL(/\/signin$/);
  await signInAt(page, "bob");
  await expect(page).not.toHaveURL(/\/signin|\/interaction\//);
  await createWorkspaceInBrowser(page, { slug, name: `Shell ${slug}` });
  await page.getByRole("navigation", { name: "Workspace" }).getByRole("link", { name: "Settings" }).click();
  await expect(page).toHaveURL(new RegExp(`/w/${slug}/settings$`));

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/signin/);
  // Later, in another browser (so nothing but the server remembers): sign-in lands there.
  const later = await (await browser.newContext()).newPage();
  await later.goto("/signin");
  await signInAt(later, "bob");
  await expect(later).toHaveURL(new RegExp(`/w/${slug}$`));
  await expect(later.getByRole("heading", { name: `Shell ${slug}` })).toBeVisible();
  await later.context().close();
});

test("the sidebar holds the workspace's sections on a laptop, the tab strip on a phone", async ({ page }) => {
  const slug = `${SLUG_PREFIX}${randomBytes(3).toString("hex")}`;
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto("/dashboard");
  await signInAt(page, "bob");
  await expect(page).toHaveURL(/\/dashboard$/);
  // Outside a workspace there is no sidebar at all: nothing holds only "Dashboard".
  await expect(page.getByRole("navigation", { name: "Workspace" })).toHaveCount(0);
  await expect(page.getByRole("navigation", { name: "Main" })).toHaveCount(0);

  await createWorkspaceInBrowser(page, { slug, name: `Shell ${slug}` });
  const sidebar = page.getByRole("navigation", { name: "Workspace" });
  await expect(sidebar).toHaveCount(1); // the tab strip is hidden at this width
  await expect(sidebar.getByRole("link")).toHaveText([
    "Overview",
    "Runtimes",
    "Volumes",
    "Environments",
    "Billing",
    "Kubeconfig",
    "Members",
    "Invitations",
    "Audit log",
    "Settings",
  ]);
  await expect(sidebar.getByRole("link", { name: "Overview" })).toHaveAttribute("aria-current", "page");
  const box = await sidebar.boundingBox();
  const heading = await page.getByRole("heading", { name: `Shell ${slug}` }).boundingBox();
  expect(box!.x + box!.width).toBeLessThanOrEqual(heading!.x); // down the left, beside the content
  await sidebar.getByRole("link", { name: "Billing" }).click();
  await expect(page).toHaveURL(new RegExp(`/w/${slug}/billing$`));
  await expect(sidebar.getByRole("link", { name: "Billing" })).toHaveAttribute("aria-current", "page");

  await page.setViewportSize({ width: 390, height: 844 });
  const tabs = page.getByRole("navigation", { name: "Workspace" });
  await expect(tabs).toHaveCount(1); // now the tab strip, and the sidebar is hidden
  await expect(tabs.getByRole("link", { name: "Billing" })).toHaveAttribute("aria-current", "page");
  const tabsBox = await tabs.boundingBox();
  expect(tabsBox!.width).toBeGreaterThan(300); // across the page, not a column
});
