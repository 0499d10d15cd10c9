import { expect, test } from "@playwright/test";
import { signedInPage } from "./support/fixtures";

// An owner makes a second environment in the browser, moves quota to it after a preview
// (a move beyond what the source has is refused next to its field first), renames it, and
// deletes it with type-to-confirm.
test("creates an environment, moves quota with a preview, renames and deletes it", async ({ browser }) => {
  const slug = `envs-${Date.now().toString(36)}`;
  const page = await signedInPage(browser, "alice");
  test.setTimeout(180_000);
  await page.goto("/workspaces/new");
  await page.getByLabel("Name", { exact: true }).fill(`Envs ${slug}`);
  await page.getByLabel("URL name").fill(slug);
  await page.getByRole("button", { name: "Create workspace" }).click();
  // Provisioning applies the namespace's bundle; on a loaded machine that takes a while.
  await expect(page).toHaveURL(new RegExp(`/w/${slug}$`), { timeout: 60_000 });
  await page.getByRole("navigation", { name: "Workspace" }).getByRole("link", { name: "Environments" }).click();
  await expect(page.getByRole("heading", { name: "Environments", exact: true })).toBeVisible();
  await expect(page.getByText("Create a second environment to split the quota.")).toBeVisible();

  const create = page.locator("section", { has: page.getByRole("heading", { name: "New environment" }) });
  await create.getByLabel("Name", { exact: true }).fill("Prod--x");
  await create.getByRole("button", { name: "Create environment" }).click();
  await expect(create.getByText("Do not use two hyphens in a row.")).toBeVisible();
  await create.getByLabel("Name", { exact: true }).fill("staging");
  await create.getByLabel("Display name").fill("Staging");
  await create.getByRole("button", { name: "Create environment" }).click();
  await expect(create.getByRole("status").or(create.getByRole("alert"))).toContainText(`ws-${slug}--staging`, {
    timeout: 30_000,
  });

  const list = page.getByRole("list", { name: "Environments" });
  const staging = list.getByRole("listitem").filter({ hasText: "(staging)" });
  await expect(staging).toContainText("0 cores");

  const move = page.locator("section", { has: page.getByRole("heading", { name: "Move quota" }) });
  await move.getByLabel("From", { exact: true }).selectOption("default");
  await move.getByLabel("To", { exact: true }).selectOption("staging");
  await move.getByLabel("CPU (cores)").fill("9");
  await move.getByRole("button", { name: "Preview" }).click();
  await expect(move.getByText(/has only 8 cores to give/)).toBeVisible();
  await move.getByLabel("CPU (cores)").fill("2");
  await move.getByLabel("Pods (pods)").fill("10");
  await move.getByRole("button", { name: "Preview" }).click();
  const preview = move.getByRole("table");
  await expect(preview.getByRole("row", { name: /Staging/ })).toContainText("0 cores → 2 cores");
  await expect(preview.getByRole("row", { name: /Default/ })).toContainText("8 cores → 6 cores");
  await move.getByRole("button", { name: "Move quota" }).click();
  await expect(move.getByText("Moved. The split now:")).toBeVisible({ timeout: 30_000 });
  await expect(staging).toContainText("0 cores of 2 cores");

  await staging.getByLabel("Display name of staging").fill("Staging area");
  await staging.getByRole("button", { name: "Rename" }).click();
  await expect(list.getByRole("heading", { name: /Staging area/ })).toBeVisible();

  await staging.getByRole("button", { name: "Delete" }).click();
  const dialog = page.getByRole("dialog", { name: /Delete Staging/ });
  await expect(dialog).toContainText(`ws-${slug}--staging`);
  await dialog.getByLabel("Type staging to confirm").fill("staging");
  await dialog.getByRole("button", { name: "Delete this environment" }).click();
  await expect(list.getByRole("listitem")).toHaveCount(1, { timeout: 30_000 });
  await expect(list).toContainText("8 cores");
});
