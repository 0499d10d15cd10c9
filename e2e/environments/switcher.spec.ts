import { expect, test } from "@playwright/test";
import { stackImage } from "../../tests/support/real-node";
import { deploymentsIn, pageAs, removeDeployment, workspaceWithEnvironments } from "./support";

// The environment switcher beside the workspace's name: opened and used with the keyboard,
// it keeps the page and carries the environment through every link; a runtime created in
// dev lands in dev's namespace and is listed there and in "All environments", not in the
// default environment.

test("switches environment with the keyboard, keeps it across pages, and creates a runtime in it", async ({
  browser,
  baseURL,
}) => {
  test.setTimeout(240_000);
  const { slug, owner } = await workspaceWithEnvironments("envsw");
  const page = await pageAs(browser, baseURL!, owner.id);
  await page.goto(`/w/${slug}/volumes`);

  const switcher = page.getByTestId("environment-switcher");
  await expect(switcher.getByTestId("environment-current")).toHaveText("Default");
  const button = switcher.getByRole("button", { name: /Environment: Default/ });
  await button.focus();
  await page.keyboard.press("Enter");
  const menu = switcher.getByRole("list", { name: "Environments" });
  await expect(menu.getByRole("link")).toHaveCount(3);
  await expect(menu).toContainText(`ws-${slug}--dev`);
  // The current environment has the focus; the arrows move it, Escape closes and gives it back.
  await expect(menu.getByRole("link", { name: /Default/ })).toBeFocused();
  await page.keyboard.press("Escape");
  await expect(menu).toBeHidden();
  await expect(button).toBeFocused();
  await page.keyboard.press("Enter");
  await page.keyboard.press("ArrowDown");
  await expect(menu.getByRole("link", { name: /Dev/ })).toBeFocused();
  await page.keyboard.press("Enter");

  // Same page, in dev.
  await expect(page).toHaveURL(new RegExp(`/w/${slug}/volumes\\?env=dev$`));
  await expect(switcher.getByTestId("environment-current")).toHaveText("Dev");
  // Every section link carries the environment, on wide screens and in the phone's tab strip.
  const sections = page.getByRole("navigation", { name: "Workspace" }).first();
  await expect(sections.getByRole("link", { name: "Runtimes" })).toHaveAttribute("href", `/w/${slug}/runtimes?env=dev`);
  await sections.getByRole("link", { name: "Runtimes" }).click();
  await expect(page).toHaveURL(new RegExp(`/w/${slug}/runtimes\\?env=dev$`));
  await expect(switcher.getByTestId("environment-current")).toHaveText("Dev");
  await expect(page.getByRole("heading", { name: "No runtimes yet" })).toBeVisible();
  await page.getByRole("link", { name: "Create runtime" }).first().click();
  await expect(page).toHaveURL(new RegExp(`/w/${slug}/runtimes/new\\?env=dev$`));

  const form = page.getByRole("form", { name: "Create runtime" });
  await form.getByLabel("Name", { exact: true }).fill("web");
  await form.getByLabel("Image").fill(stackImage("web:1"));
  await expect(
    page.getByRole("region", { name: "Preflight" }).getByText("The cluster would accept this runtime."),
  ).toBeVisible({
    timeout: 30_000,
  });
  await form.getByRole("button", { name: "Create runtime" }).click();
  try {
    await expect(page).toHaveURL(new RegExp(`/w/${slug}/runtimes/web\\?env=dev$`), { timeout: 30_000 });
    await expect(page.getByRole("heading", { name: "web", level: 2 })).toBeVisible();

    // In dev's namespace, and nowhere else.
    expect(await deploymentsIn(`ws-${slug}--dev`)).toContain("web");
    expect(await deploymentsIn(`ws-${slug}`)).not.toContain("web");

    // Back to the list: still dev, the runtime is there.
    await sections.getByRole("link", { name: "Runtimes" }).click();
    await expect(page).toHaveURL(new RegExp(`/w/${slug}/runtimes\\?env=dev$`));
    await expect(page.getByRole("article", { name: "web" })).toBeVisible();

    // A runtime's own page switched to another environment goes to that environment's list.
    await page.getByRole("article", { name: "web" }).getByRole("link", { name: "web" }).click();
    await expect(page).toHaveURL(new RegExp(`/w/${slug}/runtimes/web\\?env=dev$`));
    await switcher.getByRole("button").click();
    await menu.getByRole("link", { name: /Default/ }).click();
    await expect(page).toHaveURL(new RegExp(`/w/${slug}/runtimes$`));
    await expect(switcher.getByTestId("environment-current")).toHaveText("Default");
    await expect(page.getByRole("heading", { name: "No runtimes yet" })).toBeVisible();

    // The workspace-wide view lists it with its environment, linking to its page there.
    await page
      .getByRole("navigation", { name: "Which environments" })
      .getByRole("link", { name: "All environments" })
      .click();
    const table = page.getByRole("table", { name: "The runtimes of every environment" });
    const row = table.getByRole("row", { name: /web/ });
    await expect(row).toContainText("Dev");
    await expect(row.getByRole("link", { name: "web" })).toHaveAttribute("href", `/w/${slug}/runtimes/web?env=dev`);
    await expect(table.getByRole("row")).toHaveCount(2); // header + web
  } finally {
    await removeDeployment(`ws-${slug}--dev`, "web");
  }
});

test("an environment the workspace does not have is not found", async ({ browser, baseURL }) => {
  const { slug, owner } = await workspaceWithEnvironments("envnf");
  const page = await pageAs(browser, baseURL!, owner.id);
  await page.goto(`/w/${slug}/runtimes?env=staging`);
  await expect(page.getByText("This page could not be found.")).toBeVisible();
  // Positive control: an environment it has.
  await page.goto(`/w/${slug}/runtimes?env=prod`);
  await expect(page.getByTestId("environment-current")).toHaveText("Prod");
  await expect(page.getByRole("heading", { name: "No runtimes yet" })).toBeVisible();
});
