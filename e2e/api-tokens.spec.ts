import { expect, test, type Page } from "@playwright/test";
import { signIn } from "./support/fixtures";

/** Carol signs in and opens her personal workspace's settings, where its API tokens are. */
async function openTokenSettings(page: Page) {
  await signIn(page, "carol");
  await page
    .getByRole("link", { name: /Personal · Owner/ })
    .first()
    .click();
  await expect(page).toHaveURL(/\/w\/[^/]+$/);
  const slug = new URL(page.url()).pathname.split("/")[2]!;
  await page.getByRole("link", { name: "Settings" }).first().click();
  return { slug, section: page.getByRole("region", { name: "API tokens" }) };
}

// A member makes an API token in the workspace's settings, sees it once, uses it against the
// REST API (a script: no Origin, no cookie), sees its last use, and revokes it.
test("creates, shows once, lists with last use, and revokes an API token", async ({ page, playwright, baseURL }) => {
  const { slug, section } = await openTokenSettings(page);
  await expect(section).toBeVisible();

  // A bad name is refused next to its field.
  await section.getByRole("button", { name: "Create token" }).click();
  await expect(section.getByLabel("Token name")).toHaveAttribute("aria-invalid", "true");
  await expect(section).toContainText("Enter a name, such as the pipeline that will use it.");

  const name = `ci-${Date.now()}`;
  await section.getByLabel("Token name").fill(name);
  await section.getByLabel("Role").selectOption("DEVELOPER");
  await section.getByLabel("Expires after").selectOption("7");
  await section.getByRole("button", { name: "Create token" }).click();
  await expect(section.getByRole("status")).toContainText("it is shown only this once");
  const token = await section.getByTestId("new-api-token").inputValue();
  expect(token).toMatch(/^cnp_[A-Za-z0-9_-]{43}$/);
  const row = section.getByTestId(`api-token-${name}`);
  await expect(row).toContainText("Developer");
  await expect(row).toContainText("Never");
  await expect(row).toContainText(token.slice(0, 8));
  await expect(row).toContainText("active");

  // A script, not a browser: no cookies, no Origin.
  const script = await playwright.request.newContext({ baseURL });
  const auth = { Authorization: `Bearer ${token}` };
  const list = await script.get(`/api/v1/workspaces/${slug}/runtimes`, { headers: auth });
  expect(list.status()).toBe(200);
  expect(await list.json()).toMatchObject({ items: expect.any(Array), nextCursor: null });
  const post = await script.post(`/api/v1/workspaces/${slug}/runtimes/absent/stop`, { headers: auth });
  expect(post.status()).toBe(404);
  expect((await post.json()).error.code).toBe("NOT_FOUND");
  // The token opens only /api/v1: the console's own routes do not take it.
  const consoleRoute = await script.get(`/api/w/${slug}/runtimes`, { headers: auth });
  expect(consoleRoute.status()).toBe(401);
  // The browser's session does not open the API.
  const withCookie = await page.request.get(`/api/v1/workspaces/${slug}/runtimes`);
  expect(withCookie.status()).toBe(401);

  // Shown once: after a reload the secret is gone from the page; the list shows its last use.
  await page.reload();
  await expect(section.getByTestId("new-api-token")).toHaveCount(0);
  await expect(page.locator("body")).not.toContainText(token);
  await expect(row).not.toContainText("Never");

  page.once("dialog", (dialog) => void dialog.accept());
  await row.getByRole("button", { name: `Revoke ${name}` }).click();
  await expect(row).toContainText("revoked");
  const refused = await script.get(`/api/v1/workspaces/${slug}/runtimes`, { headers: auth });
  expect(refused.status()).toBe(401);
  expect((await refused.json()).error).toEqual({ code: "UNAUTHENTICATED", message: "This API token was revoked." });

  // Phone width: the section's form still fits and works by keyboard.
  await page.setViewportSize({ width: 390, height: 844 });
  await section.getByLabel("Token name").focus();
  await page.keyboard.press("Tab");
  await expect(section.getByLabel("Role")).toBeFocused();
  // The section fits the screen; its table scrolls inside its own frame.
  const box = (await section.boundingBox())!;
  expect(box.x + box.width).toBeLessThanOrEqual(390);
  const button = (await section.getByRole("button", { name: "Create token" }).boundingBox())!;
  expect(button.x + button.width).toBeLessThanOrEqual(390);
  await script.dispose();
});

test("serves the OpenAPI document and its reference page", async ({ page, request }) => {
  const document = await request.get("/api/v1/openapi.json");
  expect(document.status()).toBe(200);
  const body = await document.json();
  expect(body.openapi).toBe("3.1.0");
  expect(Object.keys(body.paths)).toContain("/workspaces/{slug}/runtimes");

  await page.goto("/docs/api");
  await expect(page.getByRole("heading", { name: "Canopy API reference" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Runtimes", exact: true })).toBeVisible();
  await expect(page.locator("#createRuntime")).toContainText("/api/v1/workspaces/{slug}/runtimes");
  await expect(page.getByRole("link", { name: /openapi\.json$/ })).toBeVisible();
});

// A token limited to one environment: made in the settings form, it works there only, and
// deleting the environment (here through the API, with a token for the whole workspace)
// revokes it.
test("limits a token to one environment, and ends it with the environment", async ({ page, playwright, baseURL }) => {
  const { slug, section } = await openTokenSettings(page);

  const create = async (name: string, role: string, environment: string) => {
    await section.getByLabel("Token name").fill(name);
    await section.getByLabel("Role").selectOption(role);
    await section.getByLabel("Environment").selectOption({ label: environment });
    await section.getByRole("button", { name: "Create token" }).click();
    await expect(section.getByRole("status")).toContainText(`Token “${name}” is ready`);
    return section.getByTestId("new-api-token").inputValue();
  };
  const stamp = Date.now().toString(36);
  const everywhere = await create(`all-${stamp}`, "OWNER", "All environments");
  const script = await playwright.request.newContext({ baseURL });
  const api = (token: string) => ({ Authorization: `Bearer ${token}` });
  const environment = `e2e-${stamp.slice(-6)}`;
  const made = await script.post(`/api/v1/workspaces/${slug}/environments`, {
    headers: api(everywhere),
    data: { name: environment, displayName: `Env ${stamp}` },
  });
  expect(made.status()).toBe(201);

  await page.reload();
  const name = `env-${stamp}`;
  const token = await create(name, "VIEWER", `Env ${stamp}`);
  await expect(section.getByRole("status").locator("..")).toContainText(`?environment=${environment}`);
  const row = section.getByTestId(`api-token-${name}`);
  await expect(row).toContainText(`Env ${stamp}`);
  const inside = await script.get(`/api/v1/workspaces/${slug}/runtimes?environment=${environment}`, {
    headers: api(token),
  });
  expect(inside.status()).toBe(200);
  const outside = await script.get(`/api/v1/workspaces/${slug}/runtimes`, { headers: api(token) });
  expect(outside.status()).toBe(403);
  expect((await outside.json()).error.message).toContain(`works only in the environment “${environment}”`);

  const deleted = await script.delete(`/api/v1/workspaces/${slug}/environments/${environment}`, {
    headers: api(everywhere),
  });
  expect(deleted.status()).toBe(202);
  const after = await script.get(`/api/v1/workspaces/${slug}/runtimes?environment=${environment}`, {
    headers: api(token),
  });
  expect(after.status()).toBe(401);
  await page.reload();
  await expect(row).toContainText("revoked");
  await expect(row).toContainText("deleted");
  await script.dispose();
});
