import { expect, test, type Page } from "@playwright/test";
import { AppError } from "@/lib/errors/app-error";
import { deleteRuntime } from "@/lib/runtimes/change-runtime";
import { createRuntime } from "@/lib/runtimes/create-runtime";
import { createRuntimeInput } from "@/lib/runtimes/runtime-input";
import { teamWorkspace } from "../tests/support/factories";
import { stackImage } from "../tests/support/real-node";
import { sql } from "./support/fixtures";
import { collectErrors, pageSignedInAs } from "./support/session-page";

// Defects met on a runtime's page (issue 17). Runtimes of class gvisor run on the real node
// (2 CPUs): each is small (100m) and deleted at the end.

async function withRuntime(prefix: string, replicas: number) {
  const ws = await teamWorkspace({ prefix, permission: "runtime.write" });
  await createRuntime(
    ws.context,
    createRuntimeInput.parse({
      name: "web",
      image: stackImage("web:1"),
      cpu: "100m",
      memory: "64Mi",
      replicas,
      runtimeClass: "gvisor",
    }),
  );
  // Deleted at the end, unless the test deleted it already.
  const cleanup = () =>
    deleteRuntime(ws.context, { name: "web" }).catch((error: unknown) => {
      if (!(error instanceof AppError && error.code === "NOT_FOUND")) throw error;
    });
  return { ...ws, cleanup };
}

const actionsOf = (page: Page) => page.getByRole("region", { name: "Actions" });
const headerOf = (page: Page) => page.getByRole("heading", { name: "web", level: 2 }).locator("..");

test("a refused scale keeps what was typed beside its error", async ({ browser, baseURL }) => {
  const rt = await withRuntime("scale", 0);
  try {
    const page = await pageSignedInAs(browser, rt.owner.id, baseURL!);
    await page.goto(`/w/${rt.slug}/runtimes/web`);
    const actions = actionsOf(page);
    await actions.getByLabel("Replicas").fill("50");
    await actions.getByRole("button", { name: "Scale" }).click();
    await expect(actions.getByText("Use at most 20 replicas.")).toBeVisible();
    await expect(actions.getByLabel("Replicas")).toHaveValue("50");
    await expect(actions.getByLabel("Replicas")).toHaveAttribute("aria-invalid", "true");
    await page.context().close();
  } finally {
    await rt.cleanup();
  }
});

test("one Start click writes one audit event", async ({ browser, baseURL }) => {
  test.setTimeout(90_000);
  const rt = await withRuntime("start", 0);
  try {
    const page = await pageSignedInAs(browser, rt.owner.id, baseURL!);
    await page.goto(`/w/${rt.slug}/runtimes/web`);
    await actionsOf(page).getByRole("button", { name: "Start", exact: true }).click();
    await expect(actionsOf(page).getByText("Starting.")).toBeVisible();
    const events = await sql<{ action: string }>(
      `SELECT action FROM audit_events WHERE workspace_id = $1 AND target_type = 'runtime' AND action <> 'runtime.create'`,
      [rt.workspace.id],
    );
    expect(events.map((e) => e.action)).toEqual(["runtime.start"]);
    await page.context().close();
  } finally {
    await rt.cleanup();
  }
});

test("“Stopping.” goes once the runtime has stopped", async ({ browser, baseURL }) => {
  test.setTimeout(240_000);
  const rt = await withRuntime("stop", 1);
  try {
    const page = await pageSignedInAs(browser, rt.owner.id, baseURL!);
    await page.goto(`/w/${rt.slug}/runtimes/web`);
    await expect(headerOf(page).getByText("Running", { exact: true })).toBeVisible({ timeout: 120_000 });
    await actionsOf(page).getByRole("button", { name: "Stop", exact: true }).click();
    await expect(actionsOf(page).getByText("Stopping.")).toBeVisible();
    await expect(headerOf(page).getByText("Stopped", { exact: true })).toBeVisible({ timeout: 60_000 });
    await expect(page.getByText("Stopped: no pods are running.")).toBeVisible({ timeout: 60_000 });
    await expect(actionsOf(page).getByText("Stopping.")).toHaveCount(0);
    await page.context().close();
  } finally {
    await rt.cleanup();
  }
});

test("the form's “correct the fields” message goes once the fields are corrected", async ({ browser, baseURL }) => {
  const { owner, slug } = await teamWorkspace({ prefix: "fix" });
  const page = await pageSignedInAs(browser, owner.id, baseURL!);
  await page.goto(`/w/${slug}/runtimes/new`);
  const form = page.getByRole("form", { name: "Create runtime" });
  await form.getByRole("button", { name: "Create runtime" }).click();
  const message = page.getByText("Please correct the highlighted fields.");
  await expect(message).toBeVisible();
  await form.getByLabel("Name", { exact: true }).fill("web");
  await form.getByLabel("Image").fill(stackImage("web:1"));
  await expect(page.getByText("The cluster would accept this runtime.")).toBeVisible();
  await expect(message).toHaveCount(0);
  await page.context().close();
});

test("deleting a runtime from its page asks for it no more and logs no 404", async ({ browser, baseURL }) => {
  const rt = await withRuntime("rtdel", 0);
  try {
    const page = await pageSignedInAs(browser, rt.owner.id, baseURL!);
    const errors = collectErrors(page);
    await page.goto(`/w/${rt.slug}/runtimes/web`);
    await expect(page.getByText("Live", { exact: true })).toBeVisible();
    const asked: string[] = [];
    await actionsOf(page).getByRole("button", { name: "Delete", exact: true }).click();
    const dialog = page.getByRole("dialog", { name: "Delete runtime web?" });
    await dialog.getByLabel("Type web to confirm").fill("web");
    page.on("request", (request) => {
      if (request.url().includes("/runtimes?name=")) asked.push(request.url());
    });
    await dialog.getByRole("button", { name: "Delete runtime" }).click();
    await expect(page).toHaveURL(new RegExp(`/w/${rt.slug}/runtimes(\\?.*)?$`));
    await expect(page.getByRole("heading", { name: "No runtimes yet" })).toBeVisible({ timeout: 30_000 });
    // "No runtimes yet" shows once the Deployment is gone, after the stream's event for it.
    expect(asked).toEqual([]);
    expect(errors.filter((e) => /404/.test(e))).toEqual([]);
    await page.context().close();
  } finally {
    await rt.cleanup();
  }
});
