import { expect, type Page } from "@playwright/test";
import { DEV_OIDC_PASSWORD } from "../../scripts/stack/dev-oidc-users";

/** Signs in through the development OIDC provider, as a person would. */
export async function signIn(page: Page, username: "alice" | "bob" | "carol", callbackPath = "/dashboard") {
  await page.goto(callbackPath);
  await page.getByRole("button", { name: "Continue with Development sign-in" }).click();
  await page.getByLabel("Username").fill(username);
  await page.getByLabel("Password").fill(DEV_OIDC_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).not.toHaveURL(/\/signin|\/interaction\//);
}
