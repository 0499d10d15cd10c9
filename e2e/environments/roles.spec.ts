import { expect, test } from "@playwright/test";
import { addMember } from "../../tests/support/factories";
import { pageAs, workspaceWithEnvironments } from "./support";

// An owner lowers a developer to viewer in prod with the roles form (a role above theirs is
// refused next to the field); the developer then cannot create a runtime in prod but still
// can in dev (the positive control); removing the lowering gives prod back.

test("an owner lowers a developer to viewer in prod and removes it again", async ({ browser, baseURL }) => {
  test.setTimeout(180_000);
  const { slug, owner, workspace } = await workspaceWithEnvironments("envroles");
  const { user: developer, membership } = await addMember(workspace.id, "DEVELOPER", {
    name: "Dana Dev",
    provision: true,
  });
  const ownerPage = await pageAs(browser, baseURL!, owner.id);
  const devPage = await pageAs(browser, baseURL!, developer.id);

  await ownerPage.goto(`/w/${slug}/environments`);
  const section = ownerPage.locator("section", {
    has: ownerPage.getByRole("heading", { name: "Roles per environment" }),
  });
  await expect(section.getByText("Everyone has their workspace role in every environment.")).toBeVisible();
  const form = section.getByRole("form", { name: "Set a role in one environment" });
  await form.getByLabel("Member").selectOption(membership.id);
  await form.getByLabel("Environment").selectOption("prod");
  // Higher than their workspace role: refused at the field.
  await form.getByLabel("Role there").selectOption("ADMIN");
  await form.getByRole("button", { name: "Set role" }).click();
  await expect(form.getByLabel("Role there")).toHaveAccessibleDescription(
    /can only be lower than the member's workspace role \(Developer\)/,
  );
  // The refused choice stays on screen (a form's action resets uncontrolled fields).
  await expect(form.getByLabel("Member")).toHaveValue(membership.id);
  await expect(form.getByLabel("Environment")).toHaveValue("prod");
  await form.getByLabel("Role there").selectOption("VIEWER");
  await form.getByRole("button", { name: "Set role" }).click();
  await expect(section.getByText("Saved. Their access there changed.")).toBeVisible({ timeout: 30_000 });
  const table = section.getByRole("table", { name: "Roles lowered in one environment" });
  await expect(table.getByRole("row", { name: /Dana Dev/ })).toContainText("ProdViewerDeveloper");

  // The developer: no runtime in prod, the form in dev.
  await devPage.goto(`/w/${slug}/runtimes/new?env=prod`);
  await expect(devPage.getByText("You don't have access to create runtimes.")).toBeVisible();
  await expect(devPage.getByRole("form", { name: "Create runtime" })).toHaveCount(0);
  await devPage.getByTestId("environment-switcher").getByRole("button").click();
  await expect(devPage.getByRole("list", { name: "Environments" }).getByRole("link", { name: /Prod/ })).toContainText(
    "Viewer",
  );
  await devPage.getByRole("list", { name: "Environments" }).getByRole("link", { name: /^Dev / }).click();
  await expect(devPage).toHaveURL(new RegExp(`/w/${slug}/runtimes/new\\?env=dev$`));
  await expect(devPage.getByRole("form", { name: "Create runtime" })).toBeVisible();

  // Removed: prod is theirs to build in again.
  await table.getByRole("button", { name: /^Remove Dana Dev \w+'s role in Prod$/ }).click();
  await expect(section.getByText("Everyone has their workspace role in every environment.")).toBeVisible({
    timeout: 30_000,
  });
  await devPage.goto(`/w/${slug}/runtimes/new?env=prod`);
  await expect(devPage.getByRole("form", { name: "Create runtime" })).toBeVisible();
});
