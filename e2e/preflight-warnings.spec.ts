import { randomBytes } from "node:crypto";
import { expect, test } from "@playwright/test";
import { createWorkspaceInBrowser, signInAt, sql } from "./support/fixtures";
import { pushTestImage } from "../tests/support/registry";

// The preflight warns, before creating, about what the cluster would accept but is likely
// to fail: an image built for root and port 80 (read from the registry), and a
// ReadWriteOnce volume under two replicas; and says what to change.

const SLUG_PREFIX = "warn-e2e-";

async function retireWorkspaces() {
  await sql(
    `WITH retired AS (
       UPDATE workspaces SET status = 'DELETING', deleted_at = now()
        WHERE slug LIKE $1 AND kind = 'TEAM' AND deleted_at IS NULL RETURNING id)
     DELETE FROM memberships WHERE workspace_id IN (SELECT id FROM retired)`,
    [`${SLUG_PREFIX}%`],
  );
}
test.beforeAll(retireWorkspaces);
test.afterAll(retireWorkspaces);

test("the preflight warns about an image that needs root and port 80, and a shared ReadWriteOnce volume", async ({
  page,
}) => {
  const image = await pushTestImage("canopy-test/rooty", "1", { ExposedPorts: { "80/tcp": {} } });
  const slug = `${SLUG_PREFIX}${randomBytes(3).toString("hex")}`;
  await page.goto("/dashboard");
  await signInAt(page, "alice");
  await createWorkspaceInBrowser(page, { slug, name: `Warn ${slug}` });
  await page.goto(`/w/${slug}/volumes/new`);
  await page.getByLabel("Name").fill("data");
  await page.getByLabel("Size").fill("1Gi");
  await page.getByRole("button", { name: "Create volume" }).click();
  // The list, not the form it came from (whose address also starts with /volumes).
  await expect(page).toHaveURL(new RegExp(`/w/${slug}/volumes\\?created=data$`));

  await page.goto(`/w/${slug}/runtimes/new`);
  const form = page.getByRole("form", { name: "Create runtime" });
  await form.getByLabel("Name", { exact: true }).fill("rooty");
  await form.getByLabel("Image").fill(image);
  const warnings = page.getByRole("region", { name: "Preflight" }).getByRole("list", { name: "Warnings" });
  await expect(warnings).toContainText("The image is built to run as root (it sets no USER)");
  await expect(warnings).toContainText("The image listens on port 80, below 1024");
  await expect(warnings).not.toContainText("ReadWriteOnce");

  await form.getByRole("button", { name: "Add volume" }).click();
  await form.getByLabel("Mount path of volume 1").fill("/data");
  await form.getByLabel("Replicas").fill("2");
  await expect(warnings).toContainText("The volume data is ReadWriteOnce: only one node can mount it, so 2 replicas");

  // The control: the stack's web image, one replica, no volume: no warnings.
  await form.getByLabel("Image").fill("127.0.0.1:5000/canopy/web:1");
  await form.getByLabel("Replicas").fill("1");
  await form.getByRole("button", { name: "Remove volume 1 (data)" }).click();
  // (Whether the cluster accepts it is the preflight's other half; here only that it answered.)
  await expect(page.getByRole("region", { name: "Preflight" }).getByRole("status")).toHaveText(
    /^The cluster would (accept|refuse) this runtime/,
  );
  await expect(warnings).toHaveCount(0);
});
