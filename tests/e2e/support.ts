import { expect, type Page } from "@playwright/test";
import { E2E_USERS } from "./users";

/** Signs in through the form, as a person would. */
export async function signIn(page: Page, who: keyof typeof E2E_USERS = "editor") {
  const user = E2E_USERS[who];
  await page.goto("/login");
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Password").fill(user.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByText(`Signed in as ${user.name}`)).toBeVisible();
}

/** A name no other test (or earlier run) uses. */
export function unique(prefix: string) {
  return `${prefix} ${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;
}
