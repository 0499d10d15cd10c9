import { randomBytes } from "node:crypto";
import * as k8s from "@kubernetes/client-node";
import { expect, test } from "@playwright/test";
import { db } from "@/lib/db/client";
import { adminApi, adminKubeConfig } from "@/lib/kube/client";
import { eventually } from "../tests/support/kube";
import { execInPod, stackImage } from "../tests/support/real-node";
import { createWorkspaceInBrowser, signIn } from "./support/fixtures";

// The product's central promise, on the local stack's real node: a runtime made in the
// browser runs a real container in gVisor's sandbox, and its public address answers
// through the real ingress controller with the container's own HTTP body.

/** The workspaces these tests made, whose runtimes are stopped after each test. */
const made: string[] = [];

async function workspaceFromBrowser(page: import("@playwright/test").Page, prefix: string): Promise<string> {
  const slug = `${prefix}-${randomBytes(4).toString("hex")}`;
  await createWorkspaceInBrowser(page, { slug, name: `Real node ${slug}` });
  made.push(slug);
  return slug;
}

// The real node has two cores: runtimes left running would hold CPU the later specs' runtimes need.
test.afterEach(async () => {
  const apps = adminApi(k8s.AppsV1Api);
  for (const slug of made.splice(0)) {
    await apps.deleteCollectionNamespacedDeployment({ namespace: `ws-${slug}` }).catch(() => undefined);
  }
});

test("a runtime made in the browser runs in gVisor and its public address serves its own body", async ({
  page,
  browser,
}) => {
  test.setTimeout(180_000);
  await signIn(page, "alice");
  const slug = await workspaceFromBrowser(page, "rn");
  const prefix = `hello-${randomBytes(3).toString("hex")}`;

  await page.goto(`/w/${slug}/runtimes/new`);
  const form = page.getByRole("form", { name: "Create runtime" });
  await form.getByLabel("Name", { exact: true }).fill("hello");
  await form.getByLabel("Image").fill(stackImage("web:1"));
  await form.getByRole("button", { name: "Add port" }).click();
  await form.getByLabel("Port 1", { exact: true }).fill("8080");
  await form.getByLabel("Give this runtime a public HTTPS address").check();
  await form.getByLabel("Host name prefix").fill(prefix);
  await expect(
    page.getByRole("region", { name: "Preflight" }).getByText("The cluster would accept this runtime."),
  ).toBeVisible();
  await form.getByRole("button", { name: "Create runtime" }).click();
  await expect(page).toHaveURL(new RegExp(`/w/${slug}/runtimes/hello$`));

  const header = page.getByRole("heading", { name: "hello", level: 2 }).locator("..");
  await expect(header.getByText("Running", { exact: true })).toBeVisible({ timeout: 90_000 });
  const pods = page.getByRole("region", { name: "Pods" });
  await expect(pods).toContainText(process.env.CANOPY_NODE_NAME ?? "canopy-node-1");

  // The pod really runs, in the sandbox: containerd's runsc handler, gVisor's kernel.
  const workspace = await db().workspace.findUniqueOrThrow({ where: { slug }, select: { namespaces: true } });
  const namespace = workspace.namespaces[0]!.name;
  const pod = await eventually("the runtime's pod", async () => {
    const list = await adminApi(k8s.CoreV1Api).listNamespacedPod({
      namespace,
      labelSelector: "canopy.dev/runtime=hello",
    });
    return list.items.find((p) => p.status?.phase === "Running");
  });
  expect(pod.spec?.runtimeClassName).toBe("gvisor");
  expect(pod.spec?.nodeName).toBe(process.env.CANOPY_NODE_NAME ?? "canopy-node-1");
  const log = await adminApi(k8s.CoreV1Api).readNamespacedPodLog({
    name: pod.metadata!.name!,
    namespace,
    container: "app",
  });
  expect(log).toContain("canopy web");
  // The kernel the container sees is gVisor's, not the host's.
  const dmesg = await execInPod(adminKubeConfig(), namespace, pod.metadata!.name!, ["dmesg"]);
  expect(dmesg.stdout).toContain("Starting gVisor");

  // The public address the page links to, opened in a browser: the container's own body,
  // which names the pod that served it.
  const link = page.getByRole("link", { name: new RegExp(`^https://${prefix}\\.`) }).first();
  const address = await link.getAttribute("href");
  expect(address).toMatch(new RegExp(`^https://${prefix}\\.`));
  const visitor = await browser.newContext({ ignoreHTTPSErrors: true });
  const tab = await visitor.newPage();
  await expect(async () => {
    const response = await tab.goto(address!);
    expect(response?.status()).toBe(200);
    await expect(tab.locator("body")).toContainText(pod.metadata!.name!);
  }).toPass({ timeout: 60_000 });
  await visitor.close();
});

test("an image that cannot be pulled shows as such, with the registry's reason", async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page, "alice");
  const slug = await workspaceFromBrowser(page, "rnpull");
  await page.goto(`/w/${slug}/runtimes/new`);
  const form = page.getByRole("form", { name: "Create runtime" });
  await form.getByLabel("Name", { exact: true }).fill("missing");
  await form.getByLabel("Image").fill(`${process.env.CANOPY_REGISTRY}/canopy/no-such-image:1`);
  await expect(
    page.getByRole("region", { name: "Preflight" }).getByText("The cluster would accept this runtime."),
  ).toBeVisible();
  await form.getByRole("button", { name: "Create runtime" }).click();
  await expect(page).toHaveURL(new RegExp(`/w/${slug}/runtimes/missing$`));
  const header = page.getByRole("heading", { name: "missing", level: 2 }).locator("..");
  await expect(header.getByText("Failing", { exact: true })).toBeVisible({ timeout: 90_000 });
  const pods = page.getByRole("region", { name: "Pods" });
  await expect(pods).toContainText(/ImagePullBackOff|ErrImagePull/);
  await expect(pods).toContainText(/not found/i);
  const why = page.getByRole("region", { name: "Why it is not running" });
  await expect(why).toContainText("The image could not be pulled.");
  await expect(why).toContainText(/ImagePullBackOff|ErrImagePull/);
});

test("a container over its memory limit is OOM-killed and the page says so", async ({ page }) => {
  test.setTimeout(150_000);
  await signIn(page, "alice");
  const slug = await workspaceFromBrowser(page, "rnoom");
  await page.goto(`/w/${slug}/runtimes/new`);
  const form = page.getByRole("form", { name: "Create runtime" });
  await form.getByLabel("Name", { exact: true }).fill("hog");
  await form.getByLabel("Image").fill(stackImage("shell:1"));
  await form.getByLabel("Memory").fill("64Mi");
  // Reads 400 MiB into memory in a 64 MiB container (one line, which tail keeps whole).
  await form.getByLabel("Command (optional)").fill("sh\n-c\nhead -c 400m /dev/zero | tail");
  await expect(
    page.getByRole("region", { name: "Preflight" }).getByText("The cluster would accept this runtime."),
  ).toBeVisible();
  await form.getByRole("button", { name: "Create runtime" }).click();
  await expect(page).toHaveURL(new RegExp(`/w/${slug}/runtimes/hog$`));
  const pods = page.getByRole("region", { name: "Pods" });
  await expect(pods).toContainText("OOMKilled", { timeout: 90_000 });
  const why = page.getByRole("region", { name: "Why it is not running" });
  await expect(why).toContainText("The container used more memory than its limit");
  await expect(why).toContainText("(OOMKilled)");
});

test("a runtime class that no node offers is explained, not left to look like it is starting", async ({ page }) => {
  test.setTimeout(90_000);
  await signIn(page, "alice");
  const slug = await workspaceFromBrowser(page, "rnkata");
  await page.goto(`/w/${slug}/runtimes/new`);
  const form = page.getByRole("form", { name: "Create runtime" });
  await form.getByLabel("Name", { exact: true }).fill("vm");
  await form.getByLabel("Image").fill(stackImage("web:1"));
  await form.getByLabel("Runtime class").selectOption("kata");
  await expect(
    page.getByRole("region", { name: "Preflight" }).getByText("The cluster would accept this runtime."),
  ).toBeVisible();
  await form.getByRole("button", { name: "Create runtime" }).click();
  await expect(page).toHaveURL(new RegExp(`/w/${slug}/runtimes/vm$`));
  const why = page.getByRole("region", { name: "Why it is not running" });
  await expect(why).toContainText("No node offers what it asks for, such as its runtime class.", { timeout: 60_000 });
  await expect(why).toContainText("(Unschedulable)");
});
