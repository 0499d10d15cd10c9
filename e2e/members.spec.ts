import { randomBytes } from "node:crypto";
import { expect, test } from "@playwright/test";
import { createWorkspaceInBrowser, signedInPage as signIn, sql as query } from "./support/fixtures";

// Alice manages a team workspace in the browser: changes Bob's role, removes him, then
// deletes the workspace. Bob is added straight in the database (he only has to have
// signed in once), so this does not depend on the invitations feature.

test("an owner changes a member's role, removes them, and deletes the workspace", async ({ browser }) => {
  const bobPage = await signIn(browser, "bob");
  await bobPage.context().close();

  const page = await signIn(browser, "alice");
  const slug = `e2e-members-${randomBytes(3).toString("hex")}`;
  const name = `Members ${slug.slice(-6)}`;
  await createWorkspaceInBrowser(page, { slug, name });

  const [bob] = await query<{ id: string }>("SELECT id FROM users WHERE email = $1", ["bob@canopy.test"]);
  const [workspace] = await query<{ id: string }>("SELECT id FROM workspaces WHERE slug = $1", [slug]);
  const membershipId = `e2e${randomBytes(8).toString("hex")}`;
  await query(
    `INSERT INTO memberships (id, workspace_id, user_id, role, created_at, updated_at)
     VALUES ($1, $2, $3, 'DEVELOPER', now(), now())`,
    [membershipId, workspace!.id, bob!.id],
  );

  await page.getByRole("navigation", { name: "Workspace" }).getByRole("link", { name: "Members" }).click();
  await expect(page).toHaveURL(new RegExp(`/w/${slug}/members$`));
  const bobRow = page.getByRole("row", { name: /Bob Brown/ });
  await expect(bobRow).toContainText("bob@canopy.test");
  const roleSelect = bobRow.getByLabel("Role of Bob Brown");
  await expect(roleSelect).toHaveValue("DEVELOPER");

  // Change Bob's role to Viewer.
  await roleSelect.selectOption({ label: "Viewer" });
  await bobRow.getByRole("button", { name: "Save" }).click();
  await expect(bobRow.getByRole("status")).toHaveText("Saved.");
  await expect(roleSelect).toHaveValue("VIEWER");
  await expect(bobRow.getByRole("button", { name: "Save" })).toBeDisabled();
  await page.reload();
  await expect(page.getByRole("row", { name: /Bob Brown/ }).getByLabel("Role of Bob Brown")).toHaveValue("VIEWER");
  expect(await query("SELECT role FROM memberships WHERE id = $1", [membershipId])).toEqual([{ role: "VIEWER" }]);

  // Remove Bob, after a confirmation that names him; cancelling first changes nothing.
  await page
    .getByRole("row", { name: /Bob Brown/ })
    .getByRole("button", { name: "Remove" })
    .click();
  let dialog = page.getByRole("dialog", { name: "Remove Bob Brown?" });
  await expect(dialog).toBeVisible();
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole("row", { name: /Bob Brown/ })).toBeVisible();

  await page
    .getByRole("row", { name: /Bob Brown/ })
    .getByRole("button", { name: "Remove" })
    .click();
  dialog = page.getByRole("dialog", { name: "Remove Bob Brown?" });
  await dialog.getByRole("button", { name: "Remove member" }).click();
  // The open dialog hides the page from the accessibility tree (aria-hidden), so the row
  // "disappears" at once; it closes once the removal is done.
  await expect(dialog).toBeHidden();
  await expect(page.getByRole("row", { name: /Bob Brown/ })).toHaveCount(0);
  expect(await query("SELECT id FROM memberships WHERE id = $1", [membershipId])).toEqual([]);

  // Delete the workspace by typing its slug.
  await page.getByRole("navigation", { name: "Workspace" }).getByRole("link", { name: "Settings" }).click();
  await page.getByRole("button", { name: "Delete workspace" }).click();
  dialog = page.getByRole("dialog", { name: `Delete ${name}?` });
  const confirm = dialog.getByRole("button", { name: "Delete this workspace" });
  await expect(confirm).toBeDisabled();
  await dialog.getByLabel(`Type ${slug} to confirm`).fill(slug);
  await confirm.click();

  await expect(page).toHaveURL(/\/dashboard$/);
  await expect(page.getByRole("heading", { name: "Your workspaces" })).toBeVisible();
  await expect(page.getByRole("link", { name: new RegExp(name) })).toHaveCount(0);
  const [deleted] = await query<{ status: string; deleted: boolean }>(
    "SELECT status, deleted_at IS NOT NULL AS deleted FROM workspaces WHERE slug = $1",
    [slug],
  );
  expect(deleted).toEqual({ status: "DELETED", deleted: true });
  await page.goto(`/w/${slug}/settings`);
  await expect(page.getByText(/not found|could not be found/i).first()).toBeVisible();
});
