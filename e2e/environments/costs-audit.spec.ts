import { randomBytes } from "node:crypto";
import { expect, test } from "@playwright/test";
import { authorizeWorkspace } from "@/lib/authz/guard";
import { issueKubeconfig } from "@/lib/credentials/issue-kubeconfig";
import { setEnvironmentRole, setEnvironmentRoleInput } from "@/lib/environments/environment-roles";
import { writeUsage } from "@/lib/metering/write-usage";
import { floorHour, HOUR_MS } from "@/lib/time/utc";
import { addMember } from "../../tests/support/factories";
import { cpuHour } from "../../tests/support/usage-ledger";
import { pageAs, workspaceWithEnvironments } from "./support";

// Costs and the audit log per environment, with the workspace-wide view: the billing
// detail splits the month's cost by environment; the audit log filters by environment.

test("the billing detail splits cost by environment and the audit log filters by it", async ({ browser, baseURL }) => {
  test.setTimeout(120_000);
  const { slug, owner, workspace, context } = await workspaceWithEnvironments("envbill");
  const { user: developer, membership } = await addMember(workspace.id, "DEVELOPER", { provision: true });
  await setEnvironmentRole(
    context,
    setEnvironmentRoleInput.parse({ environment: "prod", membershipId: membership.id, role: "VIEWER" }),
  );

  // An hour of one core in the default environment and of half a core in dev.
  const start = new Date(floorHour(new Date()).getTime() - HOUR_MS);
  const pods = [
    { namespace: `ws-${slug}`, objectUid: `uid-${randomBytes(6).toString("hex")}`, millicores: 1000n },
    { namespace: `ws-${slug}--dev`, objectUid: `uid-${randomBytes(6).toString("hex")}`, millicores: 500n },
  ];
  await writeUsage(cpuHour(workspace.id, start, pods));

  // A kubeconfig issued in dev; a refused write in prod.
  const actor = { userId: developer.id };
  await issueKubeconfig(await authorizeWorkspace(actor, slug, "kubeconfig.issue", "dev"), {
    label: "laptop",
    lifetimeHours: 1,
  });
  await expect(authorizeWorkspace(actor, slug, "runtime.write", "prod")).rejects.toMatchObject({ code: "FORBIDDEN" });

  const page = await pageAs(browser, baseURL!, owner.id);
  await page.goto(`/w/${slug}/billing/usage?env=dev`);
  const costs = page.getByRole("table", { name: /by environment/ });
  const defaultRow = costs.getByRole("row", { name: /Default/ });
  const devRow = costs.getByRole("row", { name: /Dev/ });
  await expect(defaultRow).toContainText(`ws-${slug}`);
  await expect(devRow).toContainText(`ws-${slug}--dev`);
  const amount = async (row: typeof devRow) =>
    Number((await row.getByRole("cell").last().innerText()).replace(/[^0-9.]/g, ""));
  expect(await amount(defaultRow)).toBeGreaterThan(0);
  expect(await amount(devRow)).toBeCloseTo((await amount(defaultRow)) / 2, 5);
  await expect(costs.getByRole("row", { name: /Prod/ })).toContainText("$0.00");
  // The detail page kept the console's environment on its links.
  await expect(page.getByRole("link", { name: "← Previous month" })).toHaveAttribute("href", /env=dev/);

  await page.goto(`/w/${slug}/audit`);
  const filters = page.getByRole("search", { name: "Filter the audit log" });
  const events = page.getByRole("table", { name: "Audit events, newest first" });
  await filters.getByLabel("Environment").selectOption("dev");
  await filters.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(/environment=dev/);
  await expect(events.getByRole("row")).toHaveCount(2); // header + the kubeconfig
  await expect(events).toContainText("kubeconfig.issue");
  await expect(events.getByTestId("audit-environment")).toHaveText("in dev");

  await filters.getByLabel("Environment").selectOption("prod");
  await filters.getByRole("button", { name: "Apply filters" }).click();
  await expect(events.getByRole("row")).toHaveCount(2);
  await expect(events).toContainText("runtime.write");
  await expect(events).toContainText("Denied");

  // The workspace-wide view: both, and the workspace-wide events (environments made, the role set).
  await filters.getByLabel("Environment").selectOption("");
  await filters.getByRole("button", { name: "Apply filters" }).click();
  await expect(events).toContainText("kubeconfig.issue");
  await expect(events).toContainText("runtime.write");
  await expect(events).toContainText("environment.roles");
});
