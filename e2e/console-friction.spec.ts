import { readFile } from "node:fs/promises";
import { expect, test } from "@playwright/test";
import { removeMember } from "@/lib/members/remove-member";
import { createVolume } from "@/lib/storage/create-volume";
import { createVolumeInput } from "@/lib/storage/volume-input";
import { addMember, signedInAs, teamWorkspace } from "../tests/support/factories";
import { sql } from "./support/fixtures";
import { pageSignedInAs } from "./support/session-page";

// The friction a new user met (issue 17): the audit log, prices and times, deletion and
// destructive actions, and the phone width.

test("the audit log names targets, shows full details on demand, exports CSV and records a refusal", async ({
  browser,
  baseURL,
}) => {
  const { owner, slug, workspace } = await teamWorkspace({ prefix: "audit" });
  const { user: gone, membership } = await addMember(workspace.id, "DEVELOPER", { name: "Gone" });
  await removeMember(await signedInAs(owner.id, slug, "member.remove"), { membershipId: membership.id });
  const page = await pageSignedInAs(browser, owner.id, baseURL!, { timezoneId: "Pacific/Auckland", locale: "en-NZ" });

  // The volume form shows its price as the runtime form does: $0.10 per GiB-month here.
  await page.goto(`/w/${slug}/volumes/new`);
  await page.getByLabel("Name").fill("logs");
  await page.getByLabel("Size").fill("2Gi");
  await expect(page.getByTestId("volume-hourly")).toHaveText("$0.000274 per hour");
  await expect(page.getByText("about $0.20 per month (730 hours)", { exact: false })).toBeVisible();
  await page.getByRole("button", { name: "Create volume" }).click();
  await expect(page.getByText("Volume “logs” created.")).toBeVisible();
  // Refused by the quota (100 GiB): the attempt is recorded.
  await page.goto(`/w/${slug}/volumes/new`);
  await page.getByLabel("Name").fill("huge");
  await page.getByLabel("Size").fill("200Gi");
  await page.getByRole("button", { name: "Create volume" }).click();
  // The server's refusal, not the page's own quota meter (which also says "quota").
  await expect(page.getByText(/200 GiB exceeds the .* of storage left in this workspace's quota/)).toBeVisible();

  await page.goto(`/w/${slug}/audit`);
  const rows = page.getByRole("row");
  const removal = rows.filter({ hasText: "member.remove" });
  const target = removal.getByRole("cell").nth(3);
  await expect(target).toContainText(`Member ${gone.email}`);
  await expect(target).not.toContainText(membership.id);
  await expect(removal.locator("pre")).toBeHidden();
  await removal.getByText("Full details").click();
  await expect(removal.locator("pre")).toContainText(membership.id);
  await expect(rows.filter({ hasText: "volume.create" })).toContainText("Volume logs");
  const refusal = rows.filter({ hasText: "runtime.write" });
  await expect(refusal).toContainText("Denied");
  await expect(refusal).toContainText("quota");
  // One date-time format, in the reader's zone, with the zone named.
  await expect(removal.locator("time")).toHaveText(/NZDT|GMT\+13/);
  // One event per action: the volume made once, recorded once.
  const created = await sql(`SELECT 1 FROM audit_events WHERE workspace_id = $1 AND action = 'volume.create'`, [
    workspace.id,
  ]);
  expect(created).toHaveLength(1);

  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: "Download CSV" }).click(),
  ]);
  const csv = await readFile((await download.path())!, "utf8");
  expect(csv.split("\r\n")[0]).toBe(
    "time_utc,actor_name,actor_email,action,outcome,target_kind,target,target_id,client_address,details_json",
  );
  expect(csv).toContain(`"member.remove","SUCCESS","Member","${gone.email}","${membership.id}"`);
  expect(csv).toContain(`"runtime.write","DENIED"`);
  await page.context().close();
});

test("deleting a workspace lists what goes with it, and a toast confirms it", async ({ browser, baseURL }) => {
  const { owner, slug, workspace } = await teamWorkspace({ prefix: "wsdel", permission: "runtime.write" });
  await addMember(workspace.id, "VIEWER", { name: "Bystander" });
  await createVolume(
    await signedInAs(owner.id, slug, "runtime.write"),
    createVolumeInput.parse({ name: "keep", size: "1Gi", storageClass: "standard", accessMode: "ReadWriteOnce" }),
  );
  const page = await pageSignedInAs(browser, owner.id, baseURL!);
  await page.goto(`/w/${slug}/settings`);
  await page.getByRole("button", { name: "Delete workspace" }).click();
  const dialog = page.getByRole("dialog", { name: `Delete Team ${slug}?` });
  const list = dialog.getByRole("list", { name: "What will be destroyed" });
  await expect(list).toContainText("1 volume and all data on it: keep (1 GiB)");
  await expect(list).toContainText("the memberships of 1 other member");
  await dialog.getByLabel(`Type ${slug} to confirm`).fill(slug);
  await dialog.getByRole("button", { name: "Delete this workspace" }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
  await expect(page.getByText(`Workspace “Team ${slug}” deleted.`, { exact: true })).toBeVisible();
  await page.context().close();
});

test("“Revoke all my kubeconfigs” is a secondary, destructive action behind a dialog", async ({ browser, baseURL }) => {
  const { owner, slug } = await teamWorkspace({ prefix: "kcall" });
  const page = await pageSignedInAs(browser, owner.id, baseURL!);
  await page.goto(`/w/${slug}/kubeconfig`);
  await page.getByRole("button", { name: "Create kubeconfig" }).click();
  await expect(page.getByText("Your kubeconfig is ready.", { exact: false })).toBeVisible();
  const revokeAll = page.getByRole("button", { name: "Revoke all my kubeconfigs" });
  // Outlined, not filled: the page's primary action stays "Create kubeconfig".
  await expect(revokeAll).toHaveCSS("background-color", "rgb(255, 255, 255)");
  await expect(page.getByRole("button", { name: "Create kubeconfig" })).not.toHaveCSS(
    "background-color",
    "rgb(255, 255, 255)",
  );
  await revokeAll.click();
  const dialog = page.getByRole("dialog", { name: "Revoke all your kubeconfigs?" });
  await dialog.getByRole("button", { name: "Revoke all" }).click();
  await expect(page.getByText("Revoked 1 kubeconfig.", { exact: true })).toBeVisible();
  await expect(page.getByRole("row").filter({ hasText: "kubectl" })).toContainText(/revoked/i);
  await page.context().close();
});

test.describe("at phone width", () => {
  test.use({ viewport: { width: 375, height: 740 } });

  test("tabs scroll inside their strip, tables stay in their box, long emails wrap", async ({ browser, baseURL }) => {
    const { owner, slug, workspace } = await teamWorkspace({ prefix: "phone" });
    const { user: long } = await addMember(workspace.id, "VIEWER", {
      name: "Averyveryverylongfirstnameandsurname.withmore.parts",
    });
    const page = await pageSignedInAs(browser, owner.id, baseURL!, { viewport: { width: 375, height: 740 } });
    for (const path of ["", "/runtimes", "/volumes", "/billing", "/kubeconfig", "/members", "/audit"]) {
      await page.goto(`/w/${slug}${path}`);
      // Nothing makes the page itself wider than the phone.
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow, `page ${path || "/"}`).toBeLessThanOrEqual(0);
    }
    const tabs = page.getByRole("navigation", { name: "Workspace" });
    expect(await tabs.evaluate((nav) => nav.scrollWidth > nav.clientWidth)).toBe(true);
    expect(await tabs.evaluate((nav) => getComputedStyle(nav).maskImage)).toContain("linear-gradient");

    await page.goto(`/w/${slug}/members`);
    const email = page.getByText(long.email!, { exact: true });
    await expect(email).toBeVisible();
    const box = (await email.boundingBox())!;
    expect(box.x + box.width).toBeLessThanOrEqual(375);
    await page.context().close();
  });
});
