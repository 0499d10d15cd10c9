import { randomBytes } from "node:crypto";
import { expect, test } from "@playwright/test";
import { scaleRuntime } from "@/lib/runtimes/change-runtime";
import { createRuntime } from "@/lib/runtimes/create-runtime";
import { createRuntimeInput } from "@/lib/runtimes/runtime-input";
import { addMember, createUser, teamWorkspace } from "../tests/support/factories";
import { createSession } from "../tests/support/session";
import { stackImage } from "../tests/support/real-node";
import { createWorkspaceInBrowser, signIn } from "./support/fixtures";

// A developer runs a container from the browser: makes a volume, creates a runtime that
// mounts it after reading the preflight's cost, watches it reach Running, scales it,
// stops it and deletes it. Status changes arrive over the page's event stream: the page
// is never reloaded (a marker on `window` would not survive a reload).

test("creates a runtime with a volume, watches it run, scales, stops and deletes it", async ({ page }) => {
  test.setTimeout(180_000);
  await signIn(page, "alice");
  const slug = `rt-${randomBytes(4).toString("hex")}`;
  await createWorkspaceInBrowser(page, { slug, name: `Runtimes ${slug}` });

  // A volume to mount, made on the volumes page.
  await page.goto(`/w/${slug}/volumes/new`);
  await page.getByLabel("Name").fill("data");
  await page.getByLabel("Size").fill("1Gi");
  await page.getByRole("button", { name: "Create volume" }).click();
  await expect(page).toHaveURL(new RegExp(`/w/${slug}/volumes\\?created=data$`));

  await page.getByRole("navigation", { name: "Workspace" }).getByRole("link", { name: "Runtimes" }).click();
  await expect(page).toHaveURL(new RegExp(`/w/${slug}/runtimes$`));
  await expect(page.getByRole("heading", { name: "No runtimes yet" })).toBeVisible();
  await expect(page.getByText("0 of 100", { exact: true })).toBeVisible(); // pods quota of the team plan
  await page.getByRole("link", { name: "Create runtime" }).click();
  await expect(page).toHaveURL(new RegExp(`/w/${slug}/runtimes/new$`));

  const form = page.getByRole("form", { name: "Create runtime" });
  await expect(form.getByLabel("Runtime class")).toHaveValue("gvisor");
  await form.getByLabel("Name", { exact: true }).fill("web");
  await form.getByLabel("Image").fill("Not An Image!");
  // The preflight names the problem next to the field, and in its summary.
  await expect(form.getByLabel("Image")).toHaveAttribute("aria-invalid", "true");
  await expect(form.getByLabel("Image")).toHaveAccessibleDescription(/Enter an image reference such as nginx:1\.27/);
  const problems = page.getByRole("list", { name: "Problems" });
  await expect(problems).toContainText("Image: Enter an image reference");
  await problems.getByRole("button", { name: "Image" }).click();
  await expect(form.getByLabel("Image")).toBeFocused();
  await form.getByLabel("Image").fill(stackImage("web:1"));

  await form.getByRole("button", { name: "Add variable" }).click();
  await form.getByLabel("Name of variable 1").fill("GREETING");
  await form.getByLabel("Value of variable 1 (GREETING)").fill("hello");
  await form.getByRole("button", { name: "Add variable" }).click();
  await form.getByLabel("Name of variable 2").fill("API_KEY");
  await form.getByLabel("Value of variable 2 (API_KEY)").fill("s3cret");
  await form.getByLabel("Secret: variable 2 (API_KEY)").check();

  await form.getByRole("button", { name: "Add port" }).click();
  await form.getByLabel("Port 1", { exact: true }).fill("8080");

  await form.getByRole("button", { name: "Add volume" }).click();
  await expect(form.getByLabel("Volume 1", { exact: true })).toHaveValue("data");
  await form.getByLabel("Mount path of volume 1").fill("data");
  await expect(form.getByLabel("Mount path of volume 1")).toHaveAccessibleDescription(
    "Use an absolute path such as /data.",
  );
  await form.getByLabel("Mount path of volume 1").fill("/data");

  // 250m CPU at $0.02 per core-hour plus 256 MiB at $0.0025 per GiB-hour, gVisor at no surcharge.
  const preflight = page.getByRole("region", { name: "Preflight" });
  await expect(preflight.getByText("The cluster would accept this runtime.")).toBeVisible();
  await expect(problems).toHaveCount(0);
  await expect(preflight.getByTestId("preflight-hourly")).toHaveText("$0.005625 per hour");
  await expect(preflight).toContainText("about $4.11 per month (730 hours)");
  await expect(preflight).toContainText("0 CPU → 250m CPU");

  await form.getByRole("button", { name: "Create runtime" }).click();
  await expect(page).toHaveURL(new RegExp(`/w/${slug}/runtimes/web$`));
  await page.evaluate(() => Object.assign(window, { __stillSamePage: true }));
  const stillSamePage = () => page.evaluate(() => (window as unknown as { __stillSamePage?: boolean }).__stillSamePage);

  const ready = page.getByTestId("runtime-ready");
  const header = page.getByRole("heading", { name: "web", level: 2 }).locator("..");
  await expect(page.getByText("Live", { exact: true })).toBeVisible();
  await expect(header.getByText("Running", { exact: true })).toBeVisible({ timeout: 60_000 });
  await expect(ready).toHaveText("1/1");
  expect(await stillSamePage()).toBe(true);

  const config = page.getByRole("region", { name: "Configuration" });
  await expect(config).toContainText("data → /data");
  await expect(config).toContainText("GREETING=hello");
  await expect(config).toContainText("API_KEY(secret, value hidden)");
  await expect(config).not.toContainText("s3cret");

  // Scale to two: the second pod shows up and becomes ready without a reload.
  const actions = page.getByRole("region", { name: "Actions" });
  await actions.getByLabel("Replicas").fill("2");
  await actions.getByRole("button", { name: "Scale" }).click();
  await expect(actions.getByText("Scaling to 2 replicas.")).toBeVisible();
  await expect(ready).toHaveText("2/2", { timeout: 60_000 });
  await expect(page.getByRole("region", { name: "Pods" }).getByRole("row")).toHaveCount(3); // header + 2 pods

  await actions.getByRole("button", { name: "Stop", exact: true }).click();
  await expect(header.getByText("Stopped", { exact: true })).toBeVisible({ timeout: 60_000 });
  await expect(ready).toHaveText("0/0");
  await expect(page.getByText("Stopped: no pods are running.")).toBeVisible({ timeout: 60_000 });
  await expect(actions.getByRole("button", { name: "Start", exact: true })).toBeVisible();
  expect(await stillSamePage()).toBe(true);

  // Deleting asks for the name first.
  await actions.getByRole("button", { name: "Delete", exact: true }).click();
  const dialog = page.getByRole("dialog", { name: "Delete runtime web?" });
  const confirm = dialog.getByRole("button", { name: "Delete runtime" });
  await expect(confirm).toBeDisabled();
  await dialog.getByLabel("Type web to confirm").fill("we");
  await expect(confirm).toBeDisabled();
  await dialog.getByLabel("Type web to confirm").fill("web");
  await confirm.click();
  await expect(page).toHaveURL(new RegExp(`/w/${slug}/runtimes$`));
  await expect(page.getByText("Runtime “web” is being deleted with its pods.", { exact: true })).toBeVisible();
  await expect(page.getByRole("heading", { name: "No runtimes yet" })).toBeVisible({ timeout: 60_000 });
});

test("a viewer sees a runtime's live status but no actions; a stranger gets nothing", async ({
  browser,
  baseURL,
  request,
}) => {
  const { slug, context: ownerContext } = await teamWorkspace({ prefix: "rtv", permission: "runtime.write" });
  const { user: viewer } = await addMember(ownerContext.workspace.id, "VIEWER", { name: "RtViewer", provision: true });
  const stranger = await createUser("RtStranger");
  await createRuntime(
    ownerContext,
    createRuntimeInput.parse({
      name: "api",
      image: stackImage("web:1"),
      cpu: "100m",
      memory: "128Mi",
      replicas: 1,
      runtimeClass: "gvisor",
    }),
  );

  const session = await createSession(viewer.id, baseURL!);
  const context = await browser.newContext();
  const [name, value] = session.cookie.split("=") as [string, string];
  await context.addCookies([{ name, value, url: baseURL! }]);
  const page = await context.newPage();

  await page.goto(`/w/${slug}/runtimes`);
  await expect(page.getByRole("article", { name: "api" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Create runtime" })).toHaveCount(0);

  await page.goto(`/w/${slug}/runtimes/api`);
  await expect(page.getByText("Live", { exact: true })).toBeVisible();
  await expect(page.getByTestId("runtime-ready")).toHaveText("1/1", { timeout: 60_000 });
  await expect(page.getByRole("region", { name: "Pods", exact: true })).toBeVisible();
  await expect(page.getByRole("region", { name: "Actions" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Delete" })).toHaveCount(0);

  // The owner scales it elsewhere; the viewer's page follows.
  await scaleRuntime(ownerContext, { name: "api", replicas: 2 });
  await expect(page.getByTestId("runtime-ready")).toHaveText("2/2", { timeout: 60_000 });

  await page.goto(`/w/${slug}/runtimes/new`);
  await expect(page.getByText("You don't have access to create runtimes.")).toBeVisible();
  await context.close();

  // Someone outside the workspace learns nothing, not even that it exists.
  const outsider = await createSession(stranger.id, baseURL!);
  for (const path of ["runtimes", "runtimes/stream", "runtimes?name=api", "quota"]) {
    const response = await request.get(`/api/w/${slug}/${path}`, { headers: { cookie: outsider.cookie } });
    expect(response.status(), path).toBe(404);
  }
});
