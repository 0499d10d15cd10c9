import { randomBytes } from "node:crypto";
import { expect, test } from "@playwright/test";
import { createWorkspaceInBrowser, signInAt, sql } from "./support/fixtures";

const SLUG_PREFIX = "inv-e2e-";

// The dev users persist across runs and alice may own only a few team workspaces, so this
// spec retires its workspaces afterwards the way deletion does (marked DELETING, members
// gone; the reconciler removes the namespace).
async function retireWorkspaces(slugPattern: string) {
  await sql(
    `WITH retired AS (
       UPDATE workspaces SET status = 'DELETING', deleted_at = now()
        WHERE slug LIKE $1 AND kind = 'TEAM' AND deleted_at IS NULL RETURNING id)
     DELETE FROM memberships WHERE workspace_id IN (SELECT id FROM retired)`,
    [slugPattern],
  );
}

test.beforeAll(() => retireWorkspaces(`${SLUG_PREFIX}%`));
test.afterAll(() => retireWorkspaces(`${SLUG_PREFIX}%`));

test("alice invites bob by link; bob signs in, accepts and lands in the workspace", async ({ page, browser }) => {
  const tag = randomBytes(3).toString("hex");
  const slug = `${SLUG_PREFIX}${tag}`;
  const name = `Invite Team ${tag}`;

  // Alice signs in and creates a team workspace.
  await page.goto("/dashboard");
  await expect(page).toHaveURL(/\/signin/);
  await signInAt(page, "alice");
  await expect(page).toHaveURL(/\/dashboard$/);
  await createWorkspaceInBrowser(page, { slug, name });

  // She invites bob as a developer and reads the link shown once.
  await page.getByRole("link", { name: "Invitations" }).click();
  await expect(page).toHaveURL(new RegExp(`/w/${slug}/invitations$`));
  await expect(page.getByText("No pending invitations.")).toBeVisible();
  await expect(page.getByLabel("Role").locator("option")).toHaveText(["Viewer", "Developer", "Admin", "Owner"]);
  await page.getByLabel("Email address").fill("bob@canopy.test");
  await page.getByLabel("Role").selectOption({ label: "Developer" });
  await page.getByRole("button", { name: "Invite", exact: true }).click();
  const linkBox = page.getByTestId("invitation-link");
  await expect(linkBox).toBeVisible();
  const link = await linkBox.inputValue();
  expect(link).toMatch(/\/invite\/[A-Za-z0-9_-]{43}$/);
  const pending = page.getByTestId("invitation").filter({ hasText: "bob@canopy.test" });
  await expect(pending).toContainText("Developer");
  await expect(pending).toContainText("Pending");

  // Bob, in a browser of his own, opens the link before signing in.
  const bobContext = await browser.newContext();
  try {
    const bob = await bobContext.newPage();
    await bob.goto(link);
    await expect(bob.getByRole("heading", { name: `Join ${name}` })).toBeVisible();
    await expect(bob.getByText("Alice Anderson").first()).toBeVisible();
    await expect(bob.getByTestId("invitation-role")).toHaveText("Developer");
    await expect(bob.getByText("b***@canopy.test")).toBeVisible();

    await bob.getByRole("link", { name: "Sign in to accept" }).click();
    await expect(bob).toHaveURL(/\/signin\?callbackUrl=/);
    await signInAt(bob, "bob");
    await expect(bob).toHaveURL(new URL(link).pathname);
    await expect(bob.getByText("Signed in as bob@canopy.test.")).toBeVisible();
    await bob.getByRole("button", { name: "Accept invitation" }).click();

    await expect(bob).toHaveURL(new RegExp(`/w/${slug}$`));
    await expect(bob.getByRole("heading", { name, level: 1 })).toBeVisible();
    await expect(bob.getByText("you are developer")).toBeVisible();
    const switcher = bob.getByTestId("workspace-switcher");
    await expect(switcher.getByRole("button")).toHaveText(new RegExp(name));
    await switcher.getByRole("button").click();
    await expect(switcher.getByRole("link", { name: new RegExp(name) })).toBeVisible();

    // The link is spent.
    await bob.goto(link);
    await expect(bob.getByRole("alert").filter({ hasText: "This invitation has already been used." })).toBeVisible();
    await expect(bob.getByRole("button", { name: "Accept invitation" })).toHaveCount(0);

    // Without SMTP, bob's development outbox holds the invitation email with the link.
    await bob.goto("/dev/outbox");
    await expect(bob.getByRole("heading", { name: "Development outbox" })).toBeVisible();
    const mail = bob.getByTestId("outbox-message").filter({ hasText: name });
    await expect(mail).toHaveCount(1);
    await expect(mail).toContainText("To bob@canopy.test");
    await expect(mail.getByRole("link", { name: link })).toBeVisible();
  } finally {
    await bobContext.close();
  }

  // Alice's list no longer shows it as pending.
  await page.reload();
  await expect(page.getByTestId("invitation").filter({ hasText: "bob@canopy.test" })).toHaveCount(0);
  await expect(page.getByText("No pending invitations.")).toBeVisible();

  // And alice's outbox does not show bob's mail.
  await page.goto("/dev/outbox");
  await expect(page.getByTestId("outbox-message").filter({ hasText: name })).toHaveCount(0);
});
