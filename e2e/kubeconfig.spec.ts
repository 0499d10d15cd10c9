import * as k8s from "@kubernetes/client-node";
import { expect, test } from "@playwright/test";
import { statusOf } from "@/lib/kube/status";
import { signIn } from "./support/fixtures";

// A member downloads a kubeconfig in the browser, uses it as kubectl would, and revokes it.
test("creates, uses and revokes a kubeconfig from the browser", async ({ page }) => {
  await signIn(page, "carol");
  await page
    .getByRole("link", { name: /Personal · Owner/ })
    .first()
    .click();
  await page.getByRole("link", { name: "Kubeconfig" }).click();
  await expect(page.getByRole("heading", { name: "Download a kubeconfig" })).toBeVisible();

  const label = `e2e-${Date.now()}`;
  await page.getByLabel("Name").fill(label);
  await page.getByLabel("Expires after").selectOption("1");
  await page.getByRole("button", { name: "Create kubeconfig" }).click();
  await expect(page.getByRole("status")).toContainText("Your kubeconfig is ready");
  const download = page.waitForEvent("download");
  await page.getByRole("button", { name: /^Download kubeconfig-/ }).click();
  expect((await download).suggestedFilename()).toMatch(/^kubeconfig-.+\.yaml$/);

  const kc = new k8s.KubeConfig();
  kc.loadFromString(await page.getByTestId("kubeconfig-text").inputValue());
  const namespace = kc.getContexts()[0]!.namespace!;
  const core = kc.makeApiClient(k8s.CoreV1Api);
  await expect(core.listNamespacedPod({ namespace })).resolves.toBeDefined();

  const row = page.getByRole("row", { name: new RegExp(label) });
  await expect(row).toContainText("active");
  page.once("dialog", (dialog) => void dialog.accept());
  await row.getByRole("button", { name: `Revoke ${label}` }).click();
  await expect(row).toContainText("revoked");

  // Refused once the API server's 10-second token cache lapses.
  await expect
    .poll(
      async () => {
        try {
          await core.listNamespacedPod({ namespace });
          return 200;
        } catch (error) {
          return statusOf(error)?.code ?? -1;
        }
      },
      { timeout: 20_000, intervals: [1000] },
    )
    .toBe(401);
});
