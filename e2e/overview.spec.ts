import { expect, test } from "@playwright/test";
import { signIn, sql } from "./support/fixtures";

async function personalWorkspaceSlug(email: string): Promise<string> {
  const rows = await sql<{ slug: string }>(
    `SELECT w.slug FROM workspaces w JOIN users u ON u.id = w.personal_owner_id WHERE u.email = $1`,
    [email],
  );
  expect(rows).toHaveLength(1);
  return rows[0]!.slug;
}

test("alice sees her personal workspace's quota against the plan, re-applies it, and reads the audit log", async ({
  page,
}) => {
  await signIn(page, "alice");
  // Signing in creates the personal workspace on first visit, so it exists by now.
  const slug = await personalWorkspaceSlug("alice@canopy.test");
  await page.locator(`a[href="/w/${slug}"]`).first().click();
  await expect(page).toHaveURL(new RegExp(`/w/${slug}$`));

  // The personal plan: 2 CPU, 4 GiB memory, 20 GiB storage, 20 pods.
  await expect(page.getByRole("heading", { name: "Quota" })).toBeVisible();
  const cpu = page.getByRole("meter", { name: "CPU" });
  await expect(cpu).toHaveAttribute("aria-valuemax", "2");
  await expect(cpu).toHaveAttribute("aria-valuetext", /^[\d.]+ of 2 CPU$/);
  await expect(page.getByRole("meter", { name: "Memory" })).toHaveAttribute("aria-valuetext", /of 4 GiB$/);
  await expect(page.getByRole("meter", { name: "Storage" })).toHaveAttribute("aria-valuetext", /of 20 GiB$/);
  await expect(page.getByRole("meter", { name: "Pods" })).toHaveAttribute("aria-valuetext", /^\d+ of 20$/);
  await expect(page.getByRole("meter", { name: "Volumes" })).toBeVisible();
  await expect(page.getByRole("meter", { name: "Services" })).toBeVisible();
  await expect(page.getByText(/of 2 CPU/)).toBeVisible();
  await expect(page.getByRole("link", { name: /^\d+ members?$/ })).toHaveAttribute("href", `/w/${slug}/members`);
  await expect(page.getByText("Personal", { exact: true }).first()).toBeVisible();

  await page.getByRole("button", { name: "Re-apply cluster configuration" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Cluster configuration re-applied." })).toBeVisible();

  await page.getByRole("link", { name: "Audit log", exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/w/${slug}/audit$`));
  await expect(page.getByRole("heading", { name: "Audit log" })).toBeVisible();
  // The re-apply just now is the newest event.
  await expect(page.getByRole("row").nth(1)).toContainText("workspace.reconcile");

  // However long the log has grown, the filter finds the workspace's creation.
  await page.getByLabel("Action").selectOption("workspace.create");
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(/[?&]action=workspace\.create/);
  const rows = page.getByRole("row").filter({ hasText: "workspace.create" });
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText("Alice Anderson");
  await expect(rows.first()).toContainText("Success");
  await expect(page.getByLabel("Action")).toHaveValue("workspace.create");
});
