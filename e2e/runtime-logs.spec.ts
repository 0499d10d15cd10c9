import { randomBytes } from "node:crypto";
import { readFile } from "node:fs/promises";
import * as k8s from "@kubernetes/client-node";
import { expect, test, type Page } from "@playwright/test";
import { adminApi } from "@/lib/kube/client";
import { workspaceNamespaceName } from "@/lib/tenancy/kube-names";
import { stackImage } from "../tests/support/real-node";
import { createWorkspaceInBrowser, signedInPage, sql } from "./support/fixtures";

// Logs in the browser, from a real container on the real node: it writes a coloured line,
// 10,000 numbered lines, a 5,000-character line, then a tick a second, and crashes after
// 60 ticks. The page follows the ticks as they are written, searches and downloads what it
// loaded, keeps only a screenful of rows in the page at 10,000 lines, shows the previous
// run after the crash, and a viewer is told why the logs stay closed.

test.describe.configure({ mode: "serial" });

const SCRIPT = [
  "printf '\\033[32mgreen start\\033[0m plain after\\n'",
  'i=1; while [ $i -le 10000 ]; do echo "bulk line $i"; i=$((i+1)); done',
  "head -c 5000 /dev/zero | tr '\\0' y; echo",
  'i=0; while [ $i -lt 60 ]; do echo "tick $i"; i=$((i+1)); sleep 1; done',
  'echo "bye now"; exit 2',
  // One line: each line of the form's command box is one argument.
].join("; ");

let slug: string;
let page: Page;

const logRegion = () => page.getByRole("log", { name: "Log lines" });
const status = () => page.getByRole("region", { name: "Logs" }).getByRole("status");

/** The highest tick in the rows on screen. */
async function lastTick(): Promise<number> {
  const rows = await logRegion().locator("[data-log-row]").allTextContents();
  const ticks = rows
    .map((r) => /tick (\d+)$/.exec(r)?.[1])
    .filter(Boolean)
    .map(Number);
  return ticks.length ? Math.max(...ticks) : -1;
}

test.beforeAll(async ({ browser }) => {
  test.setTimeout(120_000);
  page = await signedInPage(browser, "alice");
  slug = `logs-${randomBytes(4).toString("hex")}`;
  await createWorkspaceInBrowser(page, { slug, name: `Logs ${slug}` });
  await page.goto(`/w/${slug}/runtimes/new`);
  const form = page.getByRole("form", { name: "Create runtime" });
  await form.getByLabel("Name", { exact: true }).fill("talker");
  await form.getByLabel("Image").fill(stackImage("shell:1"));
  await form.getByLabel("CPU").fill("50m");
  await form.getByLabel("Memory").fill("64Mi");
  await form.getByLabel("Command (optional)").fill(`sh\n-c\n${SCRIPT}`);
  await expect(
    page.getByRole("region", { name: "Preflight" }).getByText("The cluster would accept this runtime."),
  ).toBeVisible();
  await form.getByRole("button", { name: "Create runtime" }).click();
  await expect(page).toHaveURL(new RegExp(`/w/${slug}/runtimes/talker$`));
});

test.afterAll(async () => {
  await adminApi(k8s.AppsV1Api)
    .deleteNamespacedDeployment({ name: "talker", namespace: workspaceNamespaceName(slug) })
    .catch(() => undefined);
  await page?.context().close();
});

test("follows a real container's log live, with colours, a long line and 10,000 lines in a bounded page", async () => {
  test.setTimeout(120_000);
  await page.getByRole("navigation", { name: "Runtime talker" }).getByRole("link", { name: "Logs" }).click();
  await expect(page).toHaveURL(new RegExp(`/w/${slug}/runtimes/talker/logs$`));
  await expect(
    page.getByRole("navigation", { name: "Runtime talker" }).getByRole("link", { name: "Terminal" }),
  ).toBeVisible();

  // The pod may still be starting: reload until its log opens.
  await expect(async () => {
    await page.getByRole("button", { name: "Reload" }).click();
    await expect(
      logRegion()
        .getByText(/tick \d+$/)
        .first(),
    ).toBeVisible({ timeout: 5_000 });
  }).toPass({ timeout: 90_000 });
  await page.getByLabel("Lines", { exact: true }).selectOption({ label: "Every line" });
  await expect(status()).toContainText("following new lines");
  await expect(status()).toHaveText(/^10,0\d\d lines loaded/);

  // Live: ticks written after the page opened the stream arrive on it, on screen.
  const seen = await lastTick();
  expect(seen).toBeGreaterThanOrEqual(0);
  await expect.poll(lastTick, { timeout: 15_000 }).toBeGreaterThanOrEqual(seen + 2);

  // 10,000 lines loaded, a screenful of rows in the page.
  const rows = await logRegion().locator("[data-log-row]").count();
  expect(rows).toBeGreaterThan(5);
  expect(rows).toBeLessThan(100);
  // The list still scrolls to its first line, and the page answers while it does.
  await logRegion().evaluate((el) => el.scrollTo({ top: 0 }));
  await page.getByLabel("Wrap long lines").uncheck();
  await expect(logRegion().locator("[data-log-row]").first()).toContainText("green start plain after");

  // ANSI colour as colour, never as escape text.
  const green = logRegion().locator("[data-log-row]").first().locator("span.text-green-700");
  await expect(green).toHaveText("green start");
  await expect(logRegion().locator("[data-log-row]").first()).not.toContainText("[32m");
});

test("the page's HTML already shows the newest lines, numbered as the live view numbers them", async ({ browser }) => {
  // The page's JavaScript never loads in this tab (only the HTML's own inline scripts, which
  // put streamed parts in place, run): what it shows came in the server's HTML.
  const origin = new URL(page.url()).origin;
  const context = await browser.newContext({ baseURL: origin, storageState: await page.context().storageState() });
  await context.route("**/_next/static/**/*.js", (route) => route.abort());
  try {
    const bare = await context.newPage();
    await bare.goto(`/w/${slug}/runtimes/talker/logs`);
    const rows = bare.getByRole("log", { name: "Log lines" }).locator("[data-log-row]");
    await expect(rows.last()).toHaveText(/^1000(tick \d+|bye now)$/);
    await expect(rows).toHaveCount(80);
    await expect(rows.first()).toHaveText(/^921(tick \d+|y{5000}|bulk line \d+)$/);
    await expect(bare.getByRole("region", { name: "Logs" }).getByRole("status")).toHaveText(
      "The newest 80 lines · opening the live log…",
    );
  } finally {
    await context.close();
  }
  // With its script the page follows the log: the live view has taken the lines' place.
  await expect(status()).toContainText("following new lines");
});

test("searches the loaded lines and shows a 5,000-character line whole", async () => {
  const search = page.getByLabel("Search the loaded lines");
  await search.fill("bulk line 9999");
  await expect(status()).toHaveText(/^1 of 10,0\d\d lines match/);
  await expect(logRegion().locator("[data-log-row]")).toHaveCount(1);
  await expect(logRegion().locator("mark")).toHaveText("bulk line 9999");

  await search.fill("yyyyy");
  await expect(logRegion().locator("[data-log-row]")).toHaveCount(1);
  const longRow = (await logRegion().locator("[data-log-row]").first().textContent()) ?? "";
  expect(longRow).toContain("y".repeat(5000));
  await search.fill("");
});

test("downloads the log as a file", async () => {
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: "Download" }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^talker_talker-[a-z0-9-]+_\d{8}-\d{6}\.log$/);
  const text = await readFile((await download.path())!, "utf8");
  expect(text.startsWith("\u001b[32mgreen start\u001b[0m plain after\n")).toBe(true);
  expect(text).toContain("\nbulk line 10000\n");
});

test("after the container crashes, the previous run's log is there", async () => {
  test.setTimeout(270_000);
  const previous = page.getByLabel("Previous run (before the last restart)");
  // The container crashes after its 60 ticks and is restarted after the kubelet's back-off
  // (10 s): well over a minute from here on a busy node, the sandbox writing every line.
  await expect(async () => {
    await page.getByRole("button", { name: "Reload" }).click();
    await expect(previous).toBeEnabled({ timeout: 3_000 });
  }).toPass({ timeout: 240_000 });
  await previous.check();
  await expect(status()).not.toContainText("following");
  await expect(logRegion().locator("[data-log-row]").last()).toContainText("bye now");
  await expect(page.getByLabel("Follow new lines")).toBeDisabled();
});

test("a viewer is told why the logs stay closed, and the logs route refuses them", async ({ browser }) => {
  const bobPage = await signedInPage(browser, "bob");
  const [bob] = await sql<{ id: string }>("SELECT id FROM users WHERE email = $1", ["bob@canopy.test"]);
  const [workspace] = await sql<{ id: string }>("SELECT id FROM workspaces WHERE slug = $1", [slug]);
  await sql(
    `INSERT INTO memberships (id, workspace_id, user_id, role, created_at, updated_at)
     VALUES ($1, $2, $3, 'VIEWER', now(), now())`,
    [`e2e${randomBytes(8).toString("hex")}`, workspace!.id, bob!.id],
  );
  await bobPage.goto(`/w/${slug}/runtimes/talker/logs`);
  await expect(bobPage.getByText("As a viewer you may not read this runtime's logs")).toBeVisible();
  const nav = bobPage.getByRole("navigation", { name: "Runtime talker" });
  await expect(nav.getByRole("link", { name: "Logs" })).toBeVisible();
  await expect(nav.getByRole("link", { name: "Terminal" })).toHaveCount(0);
  const refused = await bobPage.request.get(`/api/w/${slug}/runtimes/logs?runtime=talker`);
  expect(refused.status()).toBe(403);
  // Positive control: the owner's session reads the same URL.
  const allowed = await page.request.get(`/api/w/${slug}/runtimes/logs?runtime=talker&tailLines=1`);
  expect(allowed.status()).toBe(200);
  await bobPage.context().close();
});
