import { randomBytes } from "node:crypto";
import * as k8s from "@kubernetes/client-node";
import { expect, test } from "@playwright/test";
import { createWorkspaceInBrowser, signedInPage, sql } from "./support/fixtures";

// The operator's workspaces in the browser: the list's search, filter and pages over 60
// workspaces of the test's own; one workspace's page with each action (credit, quota override
// and clearing it, suspend and resume, plan change), checked in the ledger and the cluster; a
// user who is not an administrator gets a 404.

test.describe.configure({ mode: "serial" });

async function userId(email: string): Promise<string> {
  return (await sql<{ id: string }>("SELECT id FROM users WHERE email = $1", [email]))[0]!.id;
}

async function makeCarolAdmin() {
  await sql(
    `INSERT INTO platform_admins (user_id, role, source, granted_at) VALUES ($1, 'ADMIN', 'CONSOLE', now())
     ON CONFLICT (user_id) DO UPDATE SET revoked_at = NULL`,
    [await userId("carol@canopy.test")],
  );
}

async function clusterPods(namespace: string): Promise<string | undefined> {
  const kc = new k8s.KubeConfig();
  kc.loadFromFile(process.env.KUBECONFIG!);
  const quota = await kc.makeApiClient(k8s.CoreV1Api).readNamespacedResourceQuota({ name: "canopy-quota", namespace });
  return quota.spec?.hard?.pods;
}

test("the list searches, filters and pages; a non-administrator gets a 404", async ({ browser }) => {
  const carol = await signedInPage(browser, "carol");
  const bob = await signedInPage(browser, "bob");
  const owner = await signedInPage(browser, "alice");
  await makeCarolAdmin();
  const tag = `opsl${randomBytes(3).toString("hex")}`;
  const alice = await userId("alice@canopy.test");
  // 60 workspaces as rows (no cluster objects needed for the list), a minute apart.
  await sql(
    `INSERT INTO workspaces (id, slug, display_name, kind, status, plan_id, created_by_id, created_at, updated_at)
     SELECT $1 || '-' || g, $1 || '-' || lpad(g::text, 2, '0'), 'List ' || $1 || ' ' || lpad(g::text, 2, '0'),
            'TEAM', 'READY', 'team', $2, now() - g * interval '1 minute', now()
       FROM generate_series(1, 60) g`,
    [tag, alice],
  );
  await sql(
    `INSERT INTO operator_suspensions (workspace_id, reason) SELECT $1 || '-' || g, 'e2e' FROM generate_series(1, 3) g`,
    [tag],
  );

  const response = await bob.goto("/admin/workspaces");
  expect(response?.status()).toBe(404);

  await carol.goto("/admin");
  await carol.getByRole("link", { name: "Workspaces" }).first().click();
  await expect(carol).toHaveURL(/\/admin\/workspaces$/);
  await carol.getByLabel("Slug, name or owner's email").fill(tag);
  await carol.getByRole("button", { name: "Search" }).click();
  await expect(carol.getByRole("status").filter({ hasText: "60 workspaces match" })).toContainText("showing 50");
  const rows = carol.getByRole("table", { name: "Workspaces" }).locator("tbody tr");
  await expect(rows).toHaveCount(50);
  await expect(rows.first()).toContainText(`${tag}-01`); // newest first
  await carol.getByRole("link", { name: "Next →" }).click();
  await expect(rows).toHaveCount(10);
  await expect(rows.first()).toContainText(`${tag}-51`);
  await expect(carol.getByRole("link", { name: "Next →" })).toHaveCount(0);
  await carol.getByRole("link", { name: "← Previous" }).click();
  await expect(rows).toHaveCount(50);
  await expect(rows.last()).toContainText(`${tag}-50`);

  await carol.getByLabel("Suspended").selectOption("operator");
  await carol.getByLabel("Sort by").selectOption("slug");
  await carol.getByRole("button", { name: "Search" }).click();
  await expect(carol.getByRole("status")).toContainText("3 workspaces match");
  await expect(rows).toHaveCount(3);
  await expect(rows.first()).toContainText(`${tag}-01`);
  await expect(rows.first()).toContainText("Suspended by operator");
  await carol.getByRole("link", { name: "Clear" }).click();
  await expect(carol.getByLabel("Slug, name or owner's email")).toHaveValue("");

  await sql(`DELETE FROM workspaces WHERE id LIKE $1 || '-%'`, [tag]);
  await carol.context().close();
  await bob.context().close();
  await owner.context().close();
});

test("an administrator grants credit, overrides quota, suspends, resumes and changes the plan", async ({ browser }) => {
  const carol = await signedInPage(browser, "carol");
  await makeCarolAdmin();
  const alice = await signedInPage(browser, "alice");
  const slug = `opsd-${randomBytes(4).toString("hex")}`;
  await createWorkspaceInBrowser(alice, { slug, name: `Ops ${slug.slice(-8)}` });
  const namespace = `ws-${slug}`;

  await carol.goto(`/admin/workspaces?q=${slug}`);
  await carol.getByRole("link", { name: `Ops ${slug.slice(-8)}` }).click();
  await expect(carol.getByRole("heading", { name: `Ops ${slug.slice(-8)}` })).toBeVisible();

  // Credit: a bad amount is named; a good one lands once.
  const credit = carol.getByRole("form", { name: "Grant credit" });
  await credit.getByLabel("Amount (USD)").fill("-3");
  await credit.getByLabel("Reason").fill("Launch week credit");
  await credit.getByRole("button", { name: "Grant credit" }).click();
  await expect(credit.getByText(/Enter an amount above zero/)).toBeVisible();
  await credit.getByLabel("Amount (USD)").fill("12.5");
  await credit.getByRole("button", { name: "Grant credit" }).click();
  await expect(carol.getByRole("status").filter({ hasText: "Credit granted." })).toBeVisible();
  await expect(carol.getByRole("table", { name: "Recent credit entries" })).toContainText("Launch week credit");
  const grants = await sql<{ amount_micros: string }>(
    `SELECT c.amount_micros::text FROM credit_entries c JOIN workspaces w ON w.id = c.workspace_id
      WHERE w.slug = $1 AND c.kind = 'GRANT'`,
    [slug],
  );
  expect(grants).toEqual([{ amount_micros: "12500000" }]);

  // Override: the namespace's quota changes at once; clearing (confirmed) goes back to the plan.
  expect(await clusterPods(namespace)).toBe("100");
  const override = carol.getByRole("form", { name: "Quota override" });
  await override.getByLabel("Pods (pods)").fill("7");
  await override.getByRole("button", { name: "Save override" }).click();
  await expect(carol.getByRole("status").filter({ hasText: "Override saved" })).toBeVisible();
  expect(await clusterPods(namespace)).toBe("7");
  await carol.getByRole("button", { name: "Clear override" }).click();
  await carol.getByRole("dialog").getByRole("button", { name: "Clear override" }).click();
  await expect(carol.getByRole("status").filter({ hasText: "Override cleared" })).toBeVisible();
  expect(await clusterPods(namespace)).toBe("100");

  // Suspend (asked first, with a reason) and resume.
  await carol.getByRole("button", { name: "Suspend workspace" }).click();
  const dialog = carol.getByRole("dialog");
  await dialog.getByLabel("Reason (the owners read it)").fill("Abuse report 7");
  await dialog.getByRole("button", { name: "Suspend" }).click();
  await expect(carol.getByText(/Suspended by an operator since .*Abuse report 7/)).toBeVisible();
  expect(await clusterPods(namespace)).toBe("0");
  await carol.getByRole("button", { name: "Resume workspace" }).click();
  await carol.getByRole("dialog").getByRole("button", { name: "Resume" }).click();
  await expect(carol.getByRole("status").filter({ hasText: "is resumed." })).toBeVisible();
  expect(await clusterPods(namespace)).toBe("100");

  // Plan change, confirmed: the personal plan's quota applies.
  await carol.getByRole("button", { name: "Change plan" }).click();
  await carol.getByRole("dialog").getByLabel("New plan").selectOption("personal");
  await carol.getByRole("dialog").getByRole("button", { name: "Change plan" }).click();
  await expect(carol.getByRole("status").filter({ hasText: "plan is changed" })).toBeVisible();
  expect(await clusterPods(namespace)).toBe("20");
  await carol.context().close();
  await alice.context().close();
});
