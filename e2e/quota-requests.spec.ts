import { randomBytes } from "node:crypto";
import * as k8s from "@kubernetes/client-node";
import { expect, test, type Page } from "@playwright/test";
import { createWorkspaceInBrowser, signedInPage, sql } from "./support/fixtures";

// Quota-increase requests in the browser: a workspace owner asks from the quota page (a
// developer sees the request but cannot ask); a platform administrator approves one with a
// changed amount, which changes the namespace's ResourceQuota at once, and denies another with
// a reason the owner then reads; a user who is not an administrator gets a 404 for the queue.

test.describe.configure({ mode: "serial" });

async function userId(email: string): Promise<string> {
  return (await sql<{ id: string }>("SELECT id FROM users WHERE email = $1", [email]))[0]!.id;
}

async function clusterCpu(namespace: string): Promise<string | undefined> {
  const kc = new k8s.KubeConfig();
  kc.loadFromFile(process.env.KUBECONFIG!);
  const quota = await kc.makeApiClient(k8s.CoreV1Api).readNamespacedResourceQuota({ name: "canopy-quota", namespace });
  return quota.spec?.hard?.["requests.cpu"];
}

async function ownerWithWorkspace(page: Page): Promise<{ slug: string; name: string }> {
  const slug = `quota-${randomBytes(4).toString("hex")}`;
  const name = `Quota ${slug.slice(-8)}`;
  await createWorkspaceInBrowser(page, { slug, name });
  return { slug, name };
}

async function ask(page: Page, slug: string, fields: Record<string, string>, justification: string) {
  await page.goto(`/w/${slug}/quota`);
  for (const [label, value] of Object.entries(fields)) await page.getByLabel(label).fill(value);
  await page.getByLabel("Justification").fill(justification);
  await page.getByRole("button", { name: "Request increase" }).click();
}

test("an owner asks for more quota; a developer sees the request but cannot ask", async ({ browser }) => {
  const bob = await signedInPage(browser, "bob");
  const page = await signedInPage(browser, "alice");
  const { slug } = await ownerWithWorkspace(page);

  // From the overview's quota card to the quota page.
  await page.getByRole("link", { name: "Request more quota" }).click();
  await expect(page).toHaveURL(new RegExp(`/w/${slug}/quota$`));
  await expect(page.getByRole("row", { name: /CPU/ })).toContainText("8 cores");

  // Nothing entered: each rule is named next to its field.
  await page.getByRole("button", { name: "Request increase" }).click();
  await expect(
    page.getByText("Enter a new limit for at least one of CPU, memory, storage, pods, volumes or services."),
  ).toBeVisible();
  await expect(page.getByText("Say why the workspace needs more, in at least 20 characters.")).toBeVisible();

  // Not more than the current limit: refused, naming the field.
  await ask(page, slug, { "CPU (cores)": "8" }, "A load test for the spring launch.");
  await expect(page.getByText("CPU must be more than the current limit of 8 cores.")).toBeVisible();
  await expect(page.getByLabel("CPU (cores)")).toHaveAttribute("aria-invalid", "true");

  // More than twice the plan: it waits for an operator.
  await ask(page, slug, { "CPU (cores)": "40", "Pods (pods)": "300" }, "A load test for the spring launch.");
  await expect(page.getByRole("status").filter({ hasText: "Request sent." })).toBeVisible();
  const requests = page.getByRole("list", { name: "Quota requests" });
  await expect(requests.getByRole("listitem")).toHaveCount(1);
  await expect(requests).toContainText("Waiting for a decision");
  await expect(requests).toContainText("40 cores");
  await expect(requests).toContainText("300 pods");
  await expect(page.getByText("A request is waiting for a platform operator's decision.")).toBeVisible();

  // A developer reads the request, and is told who can ask.
  const [workspace] = await sql<{ id: string }>("SELECT id FROM workspaces WHERE slug = $1", [slug]);
  await sql(
    `INSERT INTO memberships (id, workspace_id, user_id, role, created_at, updated_at)
     VALUES ($1, $2, $3, 'DEVELOPER', now(), now())`,
    [`e2e${randomBytes(8).toString("hex")}`, workspace!.id, await userId("bob@canopy.test")],
  );
  await bob.goto(`/w/${slug}`);
  await bob.getByRole("link", { name: "Quota requests" }).click();
  await expect(bob.getByRole("list", { name: "Quota requests" })).toContainText("Waiting for a decision");
  await expect(bob.getByText("Workspace admins and owners can ask for more quota.")).toBeVisible();
  await expect(bob.getByRole("button", { name: "Request increase" })).toHaveCount(0);
  await bob.context().close();
  await page.context().close();
});

test("an administrator approves with a changed amount and denies with a reason; others get a 404", async ({
  browser,
}) => {
  const bob = await signedInPage(browser, "bob");
  const carol = await signedInPage(browser, "carol");
  await sql(
    `INSERT INTO platform_admins (user_id, role, source, granted_at) VALUES ($1, 'ADMIN', 'CONSOLE', now())
     ON CONFLICT (user_id) DO UPDATE SET revoked_at = NULL`,
    [await userId("carol@canopy.test")],
  );
  const page = await signedInPage(browser, "alice");
  const { slug, name } = await ownerWithWorkspace(page);
  await ask(page, slug, { "CPU (cores)": "40" }, "A load test for the spring launch.");
  await expect(page.getByRole("status").filter({ hasText: "Request sent." })).toBeVisible();
  expect(await clusterCpu(`ws-${slug}`)).toBe("8");

  // Not an administrator: the queue does not exist.
  const response = await bob.goto("/admin/quota-requests");
  expect(response?.status()).toBe(404);
  await bob.context().close();

  await carol.goto("/admin");
  await carol.getByRole("link", { name: "Quota requests" }).first().click();
  const item = carol.getByRole("listitem", { name: `${name}'s request` });
  await expect(item).toContainText("A load test for the spring launch.");
  await expect(item).toContainText("40 cores · now 8 cores");
  const approve = item.getByRole("form", { name: `Approve ${name}'s request` });
  await approve.getByLabel("CPU to grant (cores)").fill("24");
  await approve.getByLabel("Note to the requester (optional)").fill("24 cores until the launch.");
  await approve.getByRole("button", { name: "Approve" }).click();
  await expect(
    carol.getByRole("status").filter({ hasText: `Approved: ${name}'s new limits apply now.` }),
  ).toBeVisible();
  await expect(item).toHaveCount(0);
  await expect(carol.getByRole("list", { name: "Decided requests" })).toContainText(
    "24 cores granted (asked 40 cores)",
  );
  // Applied on the cluster before the answer came back.
  expect(await clusterCpu(`ws-${slug}`)).toBe("24");

  await page.reload();
  await expect(page.getByRole("list", { name: "Quota requests" }).getByRole("listitem").first()).toContainText(
    "24 cores granted (asked 40 cores)",
  );
  await expect(page.getByRole("row", { name: /CPU/ })).toContainText("24 cores");

  // A second request, denied: the reason is required and reaches the owner.
  await ask(page, slug, { "Memory (GiB)": "512" }, "Caching the whole catalogue in memory.");
  await expect(page.getByRole("status").filter({ hasText: "Request sent." })).toBeVisible();
  await carol.reload();
  const second = carol.getByRole("listitem", { name: `${name}'s request` });
  const deny = second.getByRole("form", { name: `Deny ${name}'s request` });
  await deny.getByLabel("Reason for denying").fill("No");
  await deny.getByRole("button", { name: "Deny" }).click();
  await expect(deny.getByText("Tell the requester why, in at least 10 characters.")).toBeVisible();
  await deny.getByLabel("Reason for denying").fill("The cluster has no memory to spare this month.");
  await deny.getByRole("button", { name: "Deny" }).click();
  await expect(second).toHaveCount(0);

  await page.reload();
  const latest = page.getByRole("list", { name: "Quota requests" }).getByRole("listitem").first();
  await expect(latest).toContainText("Denied");
  await expect(latest).toContainText("The cluster has no memory to spare this month.");
  await carol.context().close();
  await page.context().close();
});
