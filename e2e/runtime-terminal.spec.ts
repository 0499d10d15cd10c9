import { randomBytes } from "node:crypto";
import * as k8s from "@kubernetes/client-node";
import { expect, test, type Page } from "@playwright/test";
import { adminApi } from "@/lib/kube/client";
import { eventually } from "../tests/support/kube";
import { shellRuntime } from "../tests/integration/runtimes/terminal-support";
import { createWorkspaceInBrowser, signedInPage, signIn, sql } from "./support/fixtures";

// A shell in a runtime's container on the real node, in the browser: xterm.js over the
// portal's own WebSocket. Typing runs real commands, the terminal follows the window's
// size, copy and paste go through the clipboard, and deleting the pod ends the session
// with a message that says so.

const core = adminApi(k8s.CoreV1Api);

function screen(page: Page) {
  return page.getByTestId("terminal").locator(".xterm-rows");
}

/** Runs `stty size` in the shell and reads the rows and columns it reports. */
async function sttySize(page: Page, tag: string): Promise<{ rows: number; cols: number }> {
  await page.getByTestId("terminal").click();
  await page.keyboard.type(`echo ${tag}=$(stty size)`);
  await page.keyboard.press("Enter");
  const pattern = new RegExp(`${tag}=(\\d+) (\\d+)`);
  await expect(screen(page)).toContainText(pattern);
  const [, rows, cols] = pattern.exec((await screen(page).innerText()).replace(/\u00a0/g, " "))!;
  return { rows: Number(rows), cols: Number(cols) };
}

test("a terminal in the browser runs commands, follows the window's size, copies and pastes, and closes when its pod goes away", async ({
  page,
  context,
}) => {
  test.setTimeout(240_000);
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await page.setViewportSize({ width: 1280, height: 900 });
  await signIn(page, "alice");
  const slug = `term-${randomBytes(4).toString("hex")}`;
  await createWorkspaceInBrowser(page, { slug, name: `Terminal ${slug}` });
  const [row] = await sql<{ namespace: string }>(
    `SELECT n.name AS namespace FROM workspace_namespaces n JOIN workspaces w ON w.id = n.workspace_id WHERE w.slug = $1`,
    [slug],
  );
  const namespace = row!.namespace;
  await shellRuntime(namespace, "shell");
  const pod = await eventually(
    "the runtime's running pod",
    async () => {
      const pods = await core.listNamespacedPod({ namespace: namespace, labelSelector: "canopy.dev/runtime=shell" });
      return pods.items.find((p) => p.status?.phase === "Running" && !p.metadata?.deletionTimestamp)?.metadata?.name;
    },
    150_000,
  );

  await page.goto(`/w/${slug}/runtimes/shell/terminal`);
  await expect(page.getByRole("status").filter({ hasText: "Connected to" })).toContainText(pod, { timeout: 30_000 });

  // The shell's prompt first: "Connected" is the exec session, and on a busy node the shell
  // inside the sandbox may take a few seconds more to start reading.
  await expect(screen(page)).toContainText("$", { timeout: 30_000 });
  // Typing runs a real command: only a shell turns $((6*7)) into 42.
  await page.getByTestId("terminal").click();
  await page.keyboard.type("echo typed-$((6*7))");
  await page.keyboard.press("Enter");
  await expect(screen(page)).toContainText("typed-42");

  // The container's terminal takes the size the browser fits to the window.
  const wide = await sttySize(page, "wide");
  await page.setViewportSize({ width: 700, height: 600 });
  await expect
    .poll(async () => (await sttySize(page, `narrow${Date.now() % 1000}`)).cols, { timeout: 20_000 })
    .toBeLessThan(wide.cols);
  const narrow = await sttySize(page, "narrow");
  expect(narrow.rows).toBeLessThan(wide.rows);

  // Paste from the clipboard into the shell, then copy the shell's answer back.
  await page.evaluate(() => navigator.clipboard.writeText("echo pasted-$((2+3))"));
  await page.getByRole("button", { name: "Paste" }).click();
  await page.keyboard.press("Enter");
  const answer = screen(page)
    .locator("div", { hasText: /^pasted-5\s*$/ })
    .last();
  await expect(answer).toBeVisible();
  // xterm.js takes the mouse on its screen layer, over the rows: double-click the word there.
  const box = (await answer.boundingBox())!;
  await page.mouse.dblclick(box.x + 8, box.y + box.height / 2);
  await page.getByRole("button", { name: "Copy" }).click();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe("pasted-5");

  const opened = await sql(
    `SELECT a.details FROM audit_events a JOIN workspaces w ON w.id = a.workspace_id
      WHERE w.slug = $1 AND a.action = 'terminal.open' AND a.outcome = 'SUCCESS'`,
    [slug],
  );
  expect(opened.map((row) => (row.details as { pod: string }).pod)).toContain(pod);

  // The pod is deleted: the session ends, and the page says why.
  await core.deleteNamespacedPod({ name: pod, namespace: namespace });
  await expect(page.getByRole("alert").filter({ hasText: "went away" })).toHaveText(`Pod ${pod} went away.`, {
    timeout: 30_000,
  });
  await expect(page.getByRole("status").filter({ hasText: "Disconnected" })).toBeVisible();

  // Reconnecting opens a shell in the runtime's replacement pod.
  await expect(async () => {
    await page.getByRole("button", { name: "Reconnect" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Connected to" })).toBeVisible({ timeout: 5_000 });
  }).toPass({ timeout: 120_000 });
  await expect(page.getByRole("status").filter({ hasText: "Connected to" })).not.toContainText(pod);

  await adminApi(k8s.AppsV1Api).deleteNamespacedDeployment({ name: "shell", namespace: namespace });
});

test("a viewer is told they may not open a terminal, and the page offers none", async ({ browser }) => {
  const bob = await signedInPage(browser, "bob");
  const alice = await signedInPage(browser, "alice");
  const slug = `termv-${randomBytes(4).toString("hex")}`;
  await createWorkspaceInBrowser(alice, { slug, name: `Terminal viewer ${slug}` });
  const [bobUser] = await sql<{ id: string }>("SELECT id FROM users WHERE email = $1", ["bob@canopy.test"]);
  const [workspace] = await sql<{ id: string }>("SELECT id FROM workspaces WHERE slug = $1", [slug]);
  await sql(
    `INSERT INTO memberships (id, workspace_id, user_id, role, created_at, updated_at)
     VALUES ($1, $2, $3, 'VIEWER', now(), now())`,
    [`e2e${randomBytes(8).toString("hex")}`, workspace!.id, bobUser!.id],
  );

  await bob.goto(`/w/${slug}/runtimes/shell/terminal`);
  await expect(bob.getByRole("alert").filter({ hasText: "Your role" })).toHaveText(
    "Your role in this workspace may not open a terminal in its runtimes. Developers, admins and owners can.",
  );
  await expect(bob.getByTestId("terminal")).toHaveCount(0);
  // Control: the owner's same page goes on to look for the runtime (none exists here).
  await alice.goto(`/w/${slug}/runtimes/shell/terminal`);
  await expect(alice.getByText(/not found|could not be found/i).first()).toBeVisible();
  await expect(alice.getByText("Your role in this workspace may not open a terminal")).toHaveCount(0);
  await bob.context().close();
  await alice.context().close();
});
