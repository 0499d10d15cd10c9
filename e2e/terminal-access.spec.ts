import { randomBytes } from "node:crypto";
import * as k8s from "@kubernetes/client-node";
import { expect, test, type Page } from "@playwright/test";
import { adminApi } from "@/lib/kube/client";
import { provisionWorkspace } from "@/lib/tenancy/provision-workspace";
import { eventually } from "../tests/support/kube";
import { shellRuntime } from "../tests/integration/runtimes/terminal-support";
import { createWorkspaceInBrowser, signedInPage, sql } from "./support/fixtures";

// An open terminal is authorized again while it runs: when the owner makes a developer a
// viewer, the developer's open terminal closes within seconds and says why; the owner's
// own terminal, whose access did not change, keeps working.

async function typeAndSee(page: Page, tag: string) {
  await page.getByTestId("terminal").click();
  await page.keyboard.type(`echo ${tag}-$((6*7))`);
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("terminal").locator(".xterm-rows")).toContainText(`${tag}-42`);
}

test("a developer's open terminal closes with the reason when the owner makes them a viewer; the owner's stays open", async ({
  browser,
}) => {
  test.setTimeout(240_000);
  const bob = await signedInPage(browser, "bob");
  const alice = await signedInPage(browser, "alice");
  const slug = `terma-${randomBytes(4).toString("hex")}`;
  await createWorkspaceInBrowser(alice, { slug, name: `Terminal access ${slug}` });
  const [bobUser] = await sql<{ id: string }>("SELECT id FROM users WHERE email = $1", ["bob@canopy.test"]);
  const [workspace] = await sql<{ id: string; namespace: string }>(
    `SELECT w.id, n.name AS namespace FROM workspaces w JOIN workspace_namespaces n ON n.workspace_id = w.id
      WHERE w.slug = $1`,
    [slug],
  );
  await sql(
    `INSERT INTO memberships (id, workspace_id, user_id, role, created_at, updated_at)
     VALUES ($1, $2, $3, 'DEVELOPER', now(), now())`,
    [`e2e${randomBytes(8).toString("hex")}`, workspace!.id, bobUser!.id],
  );
  // Bob's cluster identity (ServiceAccount, RoleBinding), as accepting an invitation makes it.
  await provisionWorkspace(workspace!.id);
  const namespace = workspace!.namespace;
  await shellRuntime(namespace, "shell");
  await eventually(
    "the runtime's running pod",
    async () => {
      const pods = await adminApi(k8s.CoreV1Api).listNamespacedPod({
        namespace,
        labelSelector: "canopy.dev/runtime=shell",
      });
      return pods.items.find((p) => p.status?.phase === "Running" && !p.metadata?.deletionTimestamp);
    },
    150_000,
  );

  for (const page of [bob, alice]) {
    await page.goto(`/w/${slug}/runtimes/shell/terminal`);
    await expect(page.getByRole("status").filter({ hasText: "Connected to" })).toBeVisible({ timeout: 30_000 });
  }
  await typeAndSee(bob, "bob");
  await typeAndSee(alice, "alice");

  // The owner makes Bob a viewer, on the members page in a tab of her own.
  const members = await alice.context().newPage();
  await members.goto(`/w/${slug}/members`);
  const bobRow = members.getByRole("row", { name: /Bob Brown/ });
  await bobRow.getByLabel("Role of Bob Brown").selectOption({ label: "Viewer" });
  await bobRow.getByRole("button", { name: "Save" }).click();
  await expect(bobRow.getByRole("status")).toHaveText("Saved.");

  await expect(bob.getByRole("alert").filter({ hasText: "no longer allows" })).toHaveText(
    "Your role no longer allows the terminal in this workspace, so it was closed.",
    { timeout: 15_000 },
  );
  await expect(bob.getByRole("status").filter({ hasText: "Disconnected" })).toBeVisible();

  // The control: the owner's terminal, open all along, still runs commands after several re-checks.
  await alice.waitForTimeout(7_000);
  await expect(alice.getByRole("status").filter({ hasText: "Connected to" })).toBeVisible();
  await typeAndSee(alice, "still");

  await adminApi(k8s.AppsV1Api).deleteNamespacedDeployment({ name: "shell", namespace });
  await bob.context().close();
  await alice.context().close();
});
