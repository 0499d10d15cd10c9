import { randomBytes } from "node:crypto";
import * as k8s from "@kubernetes/client-node";
import { expect, test } from "@playwright/test";
import { db } from "@/lib/db/client";
import { adminApi, adminKubeConfig } from "@/lib/kube/client";
import { MeteringWorker } from "@/lib/metering/metering-worker";
import { WORKSPACE_ID_LABEL } from "@/lib/tenancy/kube-names";
import { floorMinute } from "@/lib/time/utc";
import { stackImage } from "../tests/support/real-node";
import { createWorkspaceInBrowser, signIn } from "./support/fixtures";

// The runtime page's usage charts, with what the meter measured of a runtime on the real
// node: the kubelet's CPU, memory and network figures beside the runtime's requests and limits.

/** Until `seconds` past the next minute boundary: the kubelet measures real time. */
async function nextMinute(seconds = 2): Promise<Date> {
  const target = floorMinute(new Date()).getTime() + 60_000 + seconds * 1000;
  await new Promise((resolve) => setTimeout(resolve, target - Date.now()));
  return new Date();
}

test("a runtime on the real node shows its CPU, memory and network over the last hour and day", async ({ page }) => {
  test.setTimeout(300_000);
  await signIn(page, "alice");
  const slug = `use-${randomBytes(4).toString("hex")}`;
  await createWorkspaceInBrowser(page, { slug, name: `Usage ${slug}` });
  await page.goto(`/w/${slug}/runtimes/new`);
  const form = page.getByRole("form", { name: "Create runtime" });
  await form.getByLabel("Name", { exact: true }).fill("busy");
  await form.getByLabel("Image").fill(stackImage("shell:1"));
  await form.getByLabel("Command (optional)").fill("sh\n-c\nwhile :; do :; done");
  await expect(
    page.getByRole("region", { name: "Preflight" }).getByText("The cluster would accept this runtime."),
  ).toBeVisible();
  await form.getByRole("button", { name: "Create runtime" }).click();
  await expect(page).toHaveURL(new RegExp(`/w/${slug}/runtimes/busy$`));
  const header = page.getByRole("heading", { name: "busy", level: 2 }).locator("..");
  await expect(header.getByText("Running", { exact: true })).toBeVisible({ timeout: 120_000 });

  // Before anything is measured, the charts say so.
  const usage = page.getByRole("region", { name: "Usage" });
  await expect(usage).toContainText("No usage measured in the last hour");

  // The meter, as the worker runs it, for this workspace only: two readings a minute apart.
  const workspace = await db().workspace.findUniqueOrThrow({ where: { slug }, select: { id: true } });
  const meter = new MeteringWorker({
    kubeConfig: adminKubeConfig(),
    workerId: `e2e-usage-${randomBytes(3).toString("hex")}`,
    catchupMinutes: 1,
    extraNamespaceSelector: `${WORKSPACE_ID_LABEL} in (${workspace.id})`,
    log: () => undefined,
  });
  await meter.start();
  try {
    await nextMinute();
    await meter.step();
    await nextMinute();
    await meter.step();
  } finally {
    await meter.stop();
  }
  const samples = await db().usageSample.count({ where: { workspaceId: workspace.id, runtimeName: "busy" } });
  expect(samples).toBeGreaterThan(0);

  await page.reload();
  // Each chart draws its lines through the measured points (a flat line has no height, so
  // the drawn path is checked rather than its visibility).
  for (const [name, lines] of [
    ["CPU", 3],
    ["Memory", 3],
    ["Network per minute", 2],
  ] as const) {
    const chart = usage.getByRole("img", { name: new RegExp(`^${name} over the last hour`) });
    await expect(chart).toBeVisible();
    const paths = chart.locator("path.recharts-line-curve");
    await expect(paths).toHaveCount(lines, { timeout: 15_000 });
    await expect(paths.first()).toHaveAttribute("d", /^M[^MLC]+[LC]/);
  }
  // The spinning container's use is drawn beside its request and limit.
  await expect(
    usage.getByRole("img", { name: /^CPU over the last hour: Used \d+m, Request \d+m, Limit/ }),
  ).toBeVisible();
  await expect(usage.getByTestId("usage-network-totals")).toContainText(/Received .+, sent .+ in the last hour/);

  await usage.getByRole("radio", { name: "Last day" }).click();
  await expect(usage.getByRole("img", { name: /^CPU over the last day/ })).toBeVisible();
  await expect(usage.getByTestId("usage-network-totals")).toContainText("in the last day");

  // The spinning runtime takes a share of a 2-core node: gone when the test is done.
  const namespace = (await db().workspaceNamespace.findFirstOrThrow({ where: { workspaceId: workspace.id } })).name;
  await adminApi(k8s.AppsV1Api).deleteNamespacedDeployment({ name: "busy", namespace });
});
