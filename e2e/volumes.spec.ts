import { randomBytes } from "node:crypto";
import { expect, test } from "@playwright/test";
import { createWorkspaceInBrowser, signIn } from "./support/fixtures";

// A developer gives their workspace block storage from the browser: creates a volume,
// sees it bind, grows it, and deletes it after confirming.
test("creates a volume, sees it Bound, expands it and deletes it", async ({ page }) => {
  await signIn(page, "carol");
  const slug = `vol-${randomBytes(4).toString("hex")}`;
  await createWorkspaceInBrowser(page, { slug, name: `Volumes ${slug}` });

  await page.getByRole("navigation", { name: "Workspace" }).getByRole("link", { name: "Volumes" }).click();
  await expect(page.getByRole("heading", { name: "No volumes yet" })).toBeVisible();
  await page.getByRole("link", { name: "Create a volume" }).click();

  // The form shows what the quota allows before anything is submitted.
  await expect(page.getByText("0 GiB of 100 GiB used")).toBeVisible();
  await expect(page.getByText("0 of 20 used")).toBeVisible();

  await page.getByLabel("Name").fill("Data_1");
  await page.getByLabel("Size").fill("2000Gi");
  await page.getByRole("button", { name: "Create volume" }).click();
  await expect(page.getByText("Use lowercase letters, digits and hyphens", { exact: false })).toBeVisible();
  await expect(page.getByText("A volume must be between 1 GiB and 1000 GiB; 2000Gi is 2000 GiB.")).toBeVisible();
  await expect(page.getByLabel("Name")).toHaveAttribute("aria-invalid", "true");

  await page.getByLabel("Name").fill("data");
  await page.getByLabel("Size").fill("2Gi");
  await expect(page.getByText("98 GiB of storage would be left.", { exact: false })).toBeVisible();
  await page.getByLabel("Access mode").selectOption("ReadWriteOnce");
  await page.getByRole("button", { name: "Create volume" }).click();

  await expect(page).toHaveURL(new RegExp(`/w/${slug}/volumes\\?created=data$`));
  await expect(page.getByRole("status")).toHaveText("Volume “data” created.");
  const card = page.getByRole("article", { name: "data" });
  await expect(card.getByText("Bound", { exact: true })).toBeVisible({ timeout: 20_000 });
  const capacity = card.getByRole("definition").first();
  await expect(capacity).toHaveText("2 GiB");
  await expect(card).toContainText("Mounted by: nothing");

  await card.getByLabel("New size").fill("4Gi");
  await card.getByRole("button", { name: "Expand" }).click();
  await expect(card.getByRole("status")).toHaveText("Expanding “data” to 4 GiB.");
  // The page refreshes itself until the (development) resizer has grown the volume.
  await expect(capacity).toHaveText("4 GiB", { timeout: 30_000 });

  await card.getByRole("button", { name: "Delete volume" }).click();
  const dialog = page.getByRole("dialog", { name: "Delete volume “data”?" });
  await expect(dialog).toContainText("This cannot be undone.");
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(dialog).toBeHidden();
  await expect(card).toBeVisible();

  // It destroys data: the name is typed to confirm, as for a runtime; a toast confirms it.
  await card.getByRole("button", { name: "Delete volume" }).click();
  const confirm = dialog.getByRole("button", { name: "Delete volume" });
  await expect(confirm).toBeDisabled();
  await dialog.getByLabel("Type data to confirm").fill("dat");
  await expect(confirm).toBeDisabled();
  await dialog.getByLabel("Type data to confirm").fill("data");
  await confirm.click();
  await expect(page.getByText("Volume “data” deleted.", { exact: true })).toBeVisible();
  await expect(page.getByRole("heading", { name: "No volumes yet" })).toBeVisible({ timeout: 20_000 });
});
