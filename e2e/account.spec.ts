import { randomBytes } from "node:crypto";
import { expect, test } from "@playwright/test";
import { signedInPage, sql } from "./support/fixtures";

// The account page, opened from the avatar: profile, sign-in providers, sessions (signing
// out the others) and the user's kubeconfigs across workspaces.

test("the avatar opens the account; signing out other sessions ends the other browser's", async ({ browser }) => {
  const here = await signedInPage(browser, "carol");
  const elsewhere = await signedInPage(browser, "carol");
  const tag = randomBytes(3).toString("hex");
  // A kubeconfig of carol's in her personal workspace, as issuing leaves the row.
  const [membership] = await sql<{ id: string; workspace_id: string; user_id: string; display_name: string }>(
    `SELECT m.id, m.workspace_id, m.user_id, w.display_name FROM memberships m
       JOIN workspaces w ON w.id = m.workspace_id JOIN users u ON u.id = m.user_id
      WHERE u.email = 'carol@canopy.test' AND w.personal_owner_id = u.id`,
  );
  await sql(
    `INSERT INTO kubeconfig_credentials (id, workspace_id, membership_id, user_id, label, secret_name, expires_at)
     VALUES ($1, $2, $3, $4, $5, $6, now() + interval '1 day')`,
    [`e2e-${tag}`, membership!.workspace_id, membership!.id, membership!.user_id, `laptop-${tag}`, `kc-e2e-${tag}`],
  );

  await here.getByRole("link", { name: "Your account" }).click();
  await expect(here).toHaveURL(/\/account$/);
  const profile = here.getByRole("region", { name: "Profile" });
  await expect(profile).toContainText("Carol Clark");
  await expect(profile).toContainText("carol@canopy.test (verified)");
  await expect(here.getByRole("region", { name: "Sign-in providers" })).toContainText("Development sign-in");
  const kubeconfigs = here.getByRole("region", { name: "Kubeconfigs" });
  const row = kubeconfigs.getByRole("listitem").filter({ hasText: `laptop-${tag}` });
  await expect(row.getByRole("link", { name: membership!.display_name })).toHaveAttribute(
    "href",
    /\/w\/[^/]+\/kubeconfig$/,
  );
  await expect(row).toContainText("active");

  const sessions = here.getByRole("region", { name: "Sessions" });
  await expect(sessions.getByText("This browser")).toHaveCount(1);
  await expect(sessions.getByText("Another browser").first()).toBeVisible();
  await sessions.getByRole("button", { name: "Sign out other sessions" }).click();
  await expect(sessions.getByRole("status")).toHaveText(/Signed out \d+ other sessions?\./);
  await expect(sessions.getByText("Another browser")).toHaveCount(0);
  await expect(sessions.getByRole("button", { name: "Sign out other sessions" })).toBeDisabled();

  // The other browser is signed out at its next request; this one is not.
  await elsewhere.goto("/dashboard");
  await expect(elsewhere).toHaveURL(/\/signin/);
  await here.goto("/dashboard");
  await expect(here.getByRole("heading", { name: "Welcome, Carol" })).toBeVisible();
  await sql("DELETE FROM kubeconfig_credentials WHERE id = $1", [`e2e-${tag}`]);
  await here.context().close();
  await elsewhere.context().close();
});
