import { randomBytes } from "node:crypto";
import { expect, test } from "@playwright/test";
import { createWorkspaceInBrowser, signedInPage, signInAt, sql } from "./support/fixtures";

// The notification centre: the bell's unread count and latest notifications, the page that
// lists them with read/unread; invitations on the dashboard and as notifications.

const SLUG_PREFIX = "notif-e2e-";

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

async function userId(email: string): Promise<string> {
  const [row] = await sql<{ id: string }>("SELECT id FROM users WHERE email = $1", [email]);
  return row!.id;
}

test("an invitation shows on the invitee's dashboard and in their notifications", async ({ page, browser }) => {
  const tag = randomBytes(3).toString("hex");
  const slug = `${SLUG_PREFIX}${tag}`;
  const name = `Notified Team ${tag}`;
  await page.goto("/dashboard");
  await signInAt(page, "alice");
  await createWorkspaceInBrowser(page, { slug, name });
  await page.getByRole("navigation", { name: "Workspace" }).getByRole("link", { name: "Invitations" }).click();
  await page.getByLabel("Email address").fill("carol@canopy.test");
  await page.getByRole("button", { name: "Invite", exact: true }).click();
  // No mail server in development: the banner links the outbox where the email went.
  const outbox = page.getByRole("link", { name: "development outbox" });
  await expect(outbox).toHaveAttribute("href", "/dev/outbox");

  const carol = await (await browser.newContext()).newPage();
  await carol.goto("/");
  await signInAt(carol, "carol");
  // An open invitation: sign-in lands on the dashboard, which lists it.
  await expect(carol).toHaveURL(/\/dashboard$/);
  const pending = carol.getByTestId("pending-invitation").filter({ hasText: name });
  await expect(pending).toContainText("as developer, from Alice Anderson");
  await expect(
    carol.getByRole("region", { name: "Pending invitations" }).getByRole("link", { name: "development outbox" }),
  ).toHaveAttribute("href", "/dev/outbox");

  const bell = carol.getByRole("button", { name: /^Notifications, \d+ unread$/ });
  await expect(bell).toBeVisible();
  await bell.click();
  const item = carol
    .getByRole("list", { name: "Latest notifications" })
    .getByRole("button", { name: `Unread: Alice Anderson invited you to ${name}` });
  await expect(item).toBeVisible();
  await item.click();
  await expect(carol).toHaveURL(/\/dashboard$/);
  await carol.goto("/notifications");
  const row = carol.getByTestId("notification").filter({ hasText: `Alice Anderson invited you to ${name}` });
  await expect(row).toHaveAttribute("data-read", "true");
  await carol.context().close();
});

test("the notifications page marks one or all read, and each user sees only their own", async ({ page, browser }) => {
  const bob = await userId("bob@canopy.test").catch(() => null);
  const signedIn = bob ? null : await signedInPage(browser, "bob"); // the first run makes bob
  await signedIn?.context().close();
  const bobId = await userId("bob@canopy.test");
  const tag = randomBytes(3).toString("hex");
  await sql("UPDATE notifications SET read_at = now() WHERE user_id = $1 AND read_at IS NULL", [bobId]);
  for (const [kind, title] of [
    ["BUDGET", `Budget ${tag}: 80% of the monthly budget used`],
    ["QUOTA", `Quota ${tag}: CPU quota at 90%`],
  ]) {
    await sql(
      `INSERT INTO notifications (id, user_id, kind, key, title, body, href)
       VALUES ($1, $2, $3::"NotificationKind", $4, $5, 'Details.', '/notifications')`,
      [`e2e-${tag}-${kind}`, bobId, kind, `e2e:${tag}:${kind}`, title],
    );
  }

  await page.goto("/notifications");
  await signInAt(page, "bob");
  await expect(page).toHaveURL(/\/notifications$/);
  await expect(page.getByRole("button", { name: "Notifications, 2 unread" })).toBeVisible();
  await expect(page.getByText("2 unread.")).toBeVisible();
  const budget = page.getByTestId("notification").filter({ hasText: `Budget ${tag}` });
  await expect(budget).toHaveAttribute("data-read", "false");
  await budget.getByRole("button", { name: `Mark "Budget ${tag}: 80% of the monthly budget used" read` }).click();
  await expect(budget).toHaveAttribute("data-read", "true");
  await expect(page.getByRole("button", { name: "Notifications, 1 unread" })).toBeVisible();

  await page.getByRole("link", { name: "Unread" }).click();
  await expect(page).toHaveURL(/show=unread$/);
  await expect(page.getByTestId("notification")).toHaveCount(1);
  await expect(page.getByTestId("notification")).toContainText(`Quota ${tag}`);
  await page.getByRole("button", { name: "Mark all read" }).click();
  await expect(page.getByText("No unread notifications.")).toBeVisible();
  await expect(page.getByRole("button", { name: "Notifications", exact: true })).toBeVisible();

  // Another user's browser sees none of bob's, through the page or the menu's API.
  const carol = await signedInPage(browser, "carol");
  const response = await carol.request.get("/api/notifications?limit=50");
  expect(response.status()).toBe(200);
  expect(JSON.stringify(await response.json())).not.toContain(tag);
  await carol.goto("/notifications");
  await expect(carol.getByRole("heading", { name: "Notifications" })).toBeVisible();
  await expect(carol.getByText(tag)).toHaveCount(0);
  // Positive control: bob's own menu API has them.
  expect(JSON.stringify(await (await page.request.get("/api/notifications?limit=50")).json())).toContain(tag);
  // Signed out, the API says so.
  const anonymous = await (await browser.newContext()).request.get(`${new URL(page.url()).origin}/api/notifications`);
  expect(anonymous.status()).toBe(401);
  await carol.context().close();
});
