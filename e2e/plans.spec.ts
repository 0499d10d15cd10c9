import { randomBytes } from "node:crypto";
import * as k8s from "@kubernetes/client-node";
import { expect, test } from "@playwright/test";
import { createWorkspaceInBrowser, signedInPage, sql } from "./support/fixtures";

// Plans and prices in the operator console: an administrator creates a plan (each bad field
// named), reviews a quota change (which workspaces it affects, and which would be over the new
// quota: then it cannot be saved), saves one that fits (the ResourceQuota follows at once), and
// schedules a price from a future whole hour; a user who is not an administrator gets a 404.

function core(): k8s.CoreV1Api {
  const kc = new k8s.KubeConfig();
  kc.loadFromFile(process.env.KUBECONFIG!);
  return kc.makeApiClient(k8s.CoreV1Api);
}

async function quotaPods(namespace: string): Promise<string | undefined> {
  const quota = await core().readNamespacedResourceQuota({ name: "canopy-quota", namespace });
  return quota.spec?.hard?.pods;
}

/** A whole UTC hour `hours` from now, as a datetime-local field takes it. */
function hourFromNow(hours: number): string {
  const at = new Date(Math.floor(Date.now() / 3_600_000 + hours) * 3_600_000);
  return at.toISOString().slice(0, 16);
}

test("an administrator creates a plan, reviews and saves a quota change, and schedules a price", async ({
  browser,
}) => {
  const bob = await signedInPage(browser, "bob");
  const response = await bob.goto("/admin/plans");
  expect(response?.status()).toBe(404);
  await bob.context().close();

  const carol = await signedInPage(browser, "carol");
  const [carolRow] = await sql<{ id: string }>("SELECT id FROM users WHERE email = 'carol@canopy.test'");
  await sql(
    `INSERT INTO platform_admins (user_id, role, source, granted_at) VALUES ($1, 'ADMIN', 'CONSOLE', now())
     ON CONFLICT (user_id) DO UPDATE SET revoked_at = NULL`,
    [carolRow!.id],
  );
  await carol.goto("/admin");
  await carol.getByRole("link", { name: "Plans" }).first().click();
  await expect(carol.getByRole("heading", { name: "Plans" })).toBeVisible();
  await carol.getByRole("link", { name: "New plan" }).click();

  // Creating: each bad field is named next to it; then the plan is made.
  const planId = `e2e-${randomBytes(4).toString("hex")}`;
  await carol.getByLabel("Plan id").fill(planId);
  await carol.getByLabel("Name", { exact: true }).fill(`Plan ${planId}`);
  await carol.getByLabel("CPU (cores)").fill("1.2345");
  await carol.getByLabel("Allowed runtime classes").fill("");
  await carol.getByRole("button", { name: "Create plan" }).click();
  await expect(carol.getByText("CPU must be a number of cores, like 4 or 2.5 (at most 3 decimals).")).toBeVisible();
  await expect(carol.getByText("Name at least one runtime class.")).toBeVisible();
  await expect(carol.getByLabel("CPU (cores)")).toHaveAttribute("aria-invalid", "true");
  await carol.getByLabel("CPU (cores)").fill("2");
  await carol.getByLabel("Allowed runtime classes").fill("gvisor");
  await carol.getByRole("button", { name: "Create plan" }).click();
  await expect(carol).toHaveURL(new RegExp(`/admin/plans/${planId}$`));
  await expect(carol.getByRole("heading", { name: `Plan ${planId}` })).toBeVisible();

  // A workspace on the plan, using two Services.
  const alice = await signedInPage(browser, "alice");
  const slug = `plans-${randomBytes(4).toString("hex")}`;
  await createWorkspaceInBrowser(alice, { slug, name: `Plans ${slug.slice(-8)}` });
  await alice.context().close();
  await sql("UPDATE workspaces SET plan_id = $1 WHERE slug = $2", [planId, slug]);
  for (const name of ["svc-a", "svc-b"]) {
    await core().createNamespacedService({
      namespace: `ws-${slug}`,
      body: { metadata: { name }, spec: { ports: [{ port: 80 }], selector: { app: name } } },
    });
  }

  // Below what the workspace uses: the review names it, and the change cannot be saved.
  await carol.reload();
  await carol.getByLabel("Services (services)").fill("1");
  await carol.getByRole("button", { name: "Review change" }).click();
  const review = carol.getByRole("region", { name: "Workspaces this change affects" });
  await expect(review).toContainText("This change applies to 1 workspace on this plan");
  await expect(review.getByRole("alert")).toContainText(`${slug}: Services uses 2 services, new limit 1 service`);
  await expect(carol.getByRole("button", { name: "Save plan" })).toBeDisabled();

  // Editing after a review asks for a new one; a change that fits is saved and applied.
  await carol.getByLabel("Services (services)").fill("3");
  await expect(review).toHaveCount(0);
  await carol.getByLabel("Pods (pods)").fill("30");
  await carol.getByRole("button", { name: "Review change" }).click();
  await expect(review).toContainText("None of them uses more than the new quota.");
  await carol.getByRole("button", { name: "Save plan" }).click();
  await expect(carol.getByRole("status").filter({ hasText: "Plan saved. 1 workspace updated." })).toBeVisible();
  expect(await quotaPods(`ws-${slug}`)).toBe("30");
  await expect(carol.getByLabel("Pods (pods)")).toHaveValue("30");

  // Prices: a past hour is refused with the rule; a future whole hour is scheduled and listed.
  await carol.getByLabel("Price (USD)").fill("0.05");
  await carol.getByLabel("Starts at (UTC)").fill(hourFromNow(-1));
  await carol.getByRole("button", { name: "Schedule price" }).click();
  await expect(
    carol.getByText("Starts at must be in the future: a price never changes hours already billed."),
  ).toBeVisible();
  await carol.getByLabel("Starts at (UTC)").fill(hourFromNow(3));
  await carol.getByRole("button", { name: "Schedule price" }).click();
  await expect(carol.getByRole("status").filter({ hasText: "Price scheduled." })).toBeVisible();
  const history = carol.getByRole("table", { name: "Price history" });
  await expect(history.getByRole("row", { name: /CPU.*\$0\.05.*Scheduled/ })).toBeVisible();
  await carol.context().close();
});
