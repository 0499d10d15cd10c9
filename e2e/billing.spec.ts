import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import * as k8s from "@kubernetes/client-node";
import { expect, test } from "@playwright/test";
import { stackImage } from "../tests/support/real-node";
import { createWorkspaceInBrowser, signIn, sql } from "./support/fixtures";

// A runtime starts in a new workspace; within about a minute the billing page shows a
// non-zero cost for this month, and it grows while the page stays open (no reload). The
// metering worker runs beside the portal, on real time, for this workspace only.

const METER = fileURLToPath(new URL("../tests/support/metering-child.ts", import.meta.url));

async function workspaceId(slug: string): Promise<string> {
  return (await sql<{ id: string }>("SELECT id FROM workspaces WHERE slug = $1", [slug]))[0]!.id;
}

function dollars(text: string): number {
  return Number(text.replace(/[^0-9.]/g, ""));
}

test("the billing page shows a live, growing cost for a running runtime", async ({ page }) => {
  test.setTimeout(300_000);
  await signIn(page, "alice");
  const slug = `bill-${randomBytes(4).toString("hex")}`;
  await createWorkspaceInBrowser(page, { slug, name: `Billing ${slug}` });
  const id = await workspaceId(slug);

  // The page first, before anything runs: a pod's first minute can be billed seconds after
  // it starts (the rule bills the minute it started in once that minute ends).
  await page.getByRole("navigation", { name: "Workspace" }).getByRole("link", { name: "Billing" }).click();
  await expect(page).toHaveURL(new RegExp(`/w/${slug}/billing$`));
  await expect(page.getByRole("heading", { name: /This month/ })).toBeVisible();
  const cost = page.getByTestId("live-month-cost");
  await expect(page.getByText("Nothing billed this month yet.")).toBeVisible();
  await page.evaluate(() => ((window as unknown as { stayedOnPage: boolean }).stayedOnPage = true));

  // The runtime: a Deployment as Canopy makes them, on the real node (2 cores: 2 × 500m fits).
  const kc = new k8s.KubeConfig();
  kc.loadFromFile(process.env.KUBECONFIG!);
  const apps = kc.makeApiClient(k8s.AppsV1Api);
  const namespace = `ws-${slug}`;
  await apps.createNamespacedDeployment({
    namespace,
    body: {
      metadata: { name: "web", labels: { "app.kubernetes.io/managed-by": "canopy" } },
      spec: {
        replicas: 2,
        selector: { matchLabels: { app: "web" } },
        template: {
          metadata: { labels: { app: "web", "canopy.dev/runtime": "web" } },
          spec: {
            runtimeClassName: "gvisor",
            securityContext: { runAsNonRoot: true, runAsUser: 1000, seccompProfile: { type: "RuntimeDefault" } },
            containers: [
              {
                name: "app",
                image: stackImage("pause:3.10.1"),
                imagePullPolicy: "Always",
                resources: { requests: { cpu: "500m", memory: "1Gi" }, limits: { cpu: "500m", memory: "1Gi" } },
                securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ["ALL"] } },
              },
            ],
          },
        },
      },
    },
  });

  const now = new Date();
  const meter = spawn(
    process.execPath,
    [
      "--import",
      "tsx",
      METER,
      `e2e-billing-${slug}`,
      `canopy.dev/workspace-id in (${id})`,
      now.toISOString(),
      String(now.getTime()),
      "1",
      new Date(now.getTime() + 3_600_000).toISOString(),
    ],
    { env: process.env, stdio: "ignore" },
  );
  try {
    // The minute the pods started in ends, the worker writes it, the page's next poll shows it.
    await expect
      .poll(async () => dollars((await cost.textContent()) ?? ""), { timeout: 150_000, intervals: [2_000] })
      .toBeGreaterThan(0);
    const first = dollars((await cost.textContent())!);
    await expect(page.getByRole("cell", { name: "web", exact: true }).first()).toBeVisible();
    await expect
      .poll(async () => dollars((await cost.textContent()) ?? ""), { timeout: 120_000, intervals: [2_000] })
      .toBeGreaterThan(first);
    // Never reloaded: the marker set on this document is still there.
    expect(await page.evaluate(() => (window as unknown as { stayedOnPage?: boolean }).stayedOnPage)).toBe(true);

    const download = page.waitForEvent("download");
    await page.getByRole("link", { name: "Download CSV (hourly)" }).click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(new RegExp(`^${slug}-\\d{4}-\\d{2}-hourly\\.csv$`));
    const csv = await readFile((await file.path())!, "utf8");
    expect(csv.split("\r\n")[0]).toBe(
      "period,resource,runtime_class,subject_kind,subject,quantity,quantity_unit,unit_price,amount",
    );
    expect(csv).toMatch(/"CPU","gvisor","RUNTIME","web",\d+,"millicore-minutes",0\.02,/);
  } finally {
    meter.kill("SIGTERM");
    await apps.deleteNamespacedDeployment({ name: "web", namespace }).catch(() => undefined);
    await sql("DELETE FROM metering_progress WHERE id = $1", [`meter:e2e-billing-${slug}`]);
  }
});
