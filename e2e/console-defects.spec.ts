import { expect, test } from "@playwright/test";
import { removeMember } from "@/lib/members/remove-member";
import { addMember, createUser, signedInAs, teamWorkspace, uniqueSlug } from "../tests/support/factories";
import { collectErrors, pageSignedInAs } from "./support/session-page";

// Defects a new user met in the console (issue 17), each checked the way they met it.

test.describe("in a time zone other than the server's", () => {
  // The server renders in UTC; a browser in Auckland formats times differently.
  test.use({ timezoneId: "Pacific/Auckland", locale: "en-NZ" });

  test("the billing page hydrates without a mismatch and shows when it was updated", async ({ browser, baseURL }) => {
    const { owner, slug } = await teamWorkspace({ prefix: "hyd" });
    const page = await pageSignedInAs(browser, owner.id, baseURL!, { timezoneId: "Pacific/Auckland" });
    const errors = collectErrors(page);
    await page.goto(`/w/${slug}/billing`);
    await expect(page.getByText(/Live · updated/)).toBeVisible();
    // Hydration runs as the page loads; give a late error the chance to arrive.
    await page.waitForLoadState("networkidle");
    expect(errors.filter((e) => /hydrat|#418|#423|#425/i.test(e))).toEqual([]);
    await page.context().close();
  });
});

test("a runtime name over the limit is refused with the limit, not cut short", async ({ browser, baseURL }) => {
  const { owner, slug } = await teamWorkspace({ prefix: "rtname" });
  const page = await pageSignedInAs(browser, owner.id, baseURL!);
  await page.goto(`/w/${slug}/runtimes/new`);
  const form = page.getByRole("form", { name: "Create runtime" });
  const long = "a".repeat(300);
  await form.getByLabel("Name", { exact: true }).fill(long);
  await expect(form.getByLabel("Name", { exact: true })).toHaveValue(long);
  await expect(form.getByLabel("Name", { exact: true })).toHaveAccessibleDescription(/Use at most 40 characters\./);
  await form.getByRole("button", { name: "Create runtime" }).click();
  await expect(page).toHaveURL(new RegExp(`/w/${slug}/runtimes/new$`));
  // Positive control: a name within the limit is accepted by the same check.
  await form.getByLabel("Name", { exact: true }).fill("web");
  await expect(form.getByLabel("Name", { exact: true })).not.toHaveAttribute("aria-invalid", "true");
  await page.context().close();
});

test("a saved budget shows on the budget card without a reload", async ({ browser, baseURL }) => {
  const { owner, slug } = await teamWorkspace({ prefix: "budget" });
  const page = await pageSignedInAs(browser, owner.id, baseURL!);
  await page.goto(`/w/${slug}/billing`);
  const card = page.locator("dl > div").filter({ has: page.getByText("Budget", { exact: true }) });
  await expect(card).toContainText("None set");
  await page.getByLabel("Amount per month").fill("25");
  await page.getByRole("button", { name: "Save budget" }).click();
  await expect(page.getByText("Budget saved.", { exact: true })).toBeVisible();
  await expect(card).toContainText("$25.00");
  await expect(card).not.toContainText("None set");
  await page.context().close();
});

test("deleting a volume confirms the deletion and no longer says it was created", async ({ browser, baseURL }) => {
  const { owner, slug } = await teamWorkspace({ prefix: "voldel" });
  const page = await pageSignedInAs(browser, owner.id, baseURL!);
  await page.goto(`/w/${slug}/volumes/new`);
  await page.getByLabel("Name").fill("scratch");
  await page.getByLabel("Size").fill("1Gi");
  await page.getByRole("button", { name: "Create volume" }).click();
  await expect(page.getByText("Volume “scratch” created.")).toBeVisible();

  const card = page.getByRole("article", { name: "scratch" });
  await card.getByRole("button", { name: "Delete volume" }).click();
  const dialog = page.getByRole("dialog", { name: "Delete volume “scratch”?" });
  // Deleting a volume destroys its data: the name must be typed (fill waits for the dialog,
  // whose code loads on first use).
  await dialog.getByLabel("Type scratch to confirm").fill("scratch");
  await dialog.getByRole("button", { name: "Delete volume" }).click();
  await expect(page.getByText("Volume “scratch” deleted.", { exact: true })).toBeVisible();
  await expect(page.getByText("Volume “scratch” created.")).toHaveCount(0);
  await page.context().close();
});

test("the workspace switcher names a workspace just created, without a reload", async ({ browser, baseURL }) => {
  const user = await createUser("Switcher");
  const page = await pageSignedInAs(browser, user.id, baseURL!);
  const slug = uniqueSlug("sw");
  await page.goto("/workspaces/new");
  await page.getByLabel("Name", { exact: true }).fill(`Switch ${slug}`);
  await page.getByLabel("URL name").fill(slug);
  await page.getByRole("button", { name: "Create workspace" }).click();
  await expect(page).toHaveURL(new RegExp(`/w/${slug}$`));
  await expect(page.getByTestId("workspace-switcher")).toContainText(`Switch ${slug}`);
  await page.context().close();
});

test("a removed member is told they no longer have access; a stranger still learns nothing", async ({
  browser,
  baseURL,
}) => {
  const { owner, slug, workspace } = await teamWorkspace({ prefix: "gone" });
  const { user: member, membership } = await addMember(workspace.id, "DEVELOPER", { name: "Removed" });
  const { user: stayer } = await addMember(workspace.id, "DEVELOPER", { name: "Stayer" });
  const stranger = await createUser("Stranger");
  await removeMember(await signedInAs(owner.id, slug, "member.remove"), { membershipId: membership.id });

  const page = await pageSignedInAs(browser, member.id, baseURL!);
  await page.goto(`/w/${slug}/runtimes`);
  await expect(page.getByRole("heading", { name: "You no longer have access to this workspace" })).toBeVisible();
  await expect(page.getByText(`Team ${slug}`)).toBeVisible();
  await page.getByRole("link", { name: "Go to your workspaces" }).click();
  await expect(page).toHaveURL(/\/dashboard$/);

  // Someone who never belonged gets the plain "not found", naming nothing.
  const strangerPage = await pageSignedInAs(browser, stranger.id, baseURL!);
  const response = await strangerPage.goto(`/w/${slug}`);
  expect(response?.status()).toBe(404);
  await expect(strangerPage.getByText(`Team ${slug}`)).toHaveCount(0);
  await expect(strangerPage.getByText("no longer have access")).toHaveCount(0);

  // A current member opens it as before.
  const stayerPage = await pageSignedInAs(browser, stayer.id, baseURL!);
  await stayerPage.goto(`/w/${slug}`);
  await expect(stayerPage.getByRole("heading", { name: `Team ${slug}`, level: 1 })).toBeVisible();
  for (const p of [page, strangerPage, stayerPage]) await p.context().close();
});
