import { expect, test, type Browser, type Page } from "@playwright/test";
import { signIn, unique } from "./support";

// These journeys sign in with real bcrypt hashes and fill long forms: allow more than the default budget.
test.describe.configure({ timeout: 120_000 });

/** Creates a venue through the form and returns its edit page's path. */
async function newVenue(page: Page, city: string, [country, code, latitude, longitude] = ["Uzbekistan", "UZ", "41.2995", "69.2401"]) {
  await page.goto("/venues/new");
  await page.getByLabel("City").fill(city);
  await page.getByLabel("Country", { exact: true }).fill(country);
  await page.getByLabel("Country code").fill(code);
  await page.getByLabel("Latitude").fill(latitude);
  await page.getByLabel("Longitude").fill(longitude);
  await page.getByRole("button", { name: "Create venue" }).click();
  await expect(page.getByRole("heading", { level: 1, name: city, exact: true })).toBeVisible();
  return new URL(page.url()).pathname + "/edit";
}

test("a reader who opens an editor's page is sent to sign in, and comes back after", async ({ page }) => {
  await page.goto("/venues/new");
  await expect(page).toHaveURL(/\/login\?redirectTo=%2Fvenues%2Fnew/);
  await page.getByLabel("Email").fill("editor@parley.test");
  await page.getByLabel("Password").fill("e2e-editor-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/venues\/new$/);
  await expect(page.getByRole("heading", { level: 1, name: "New venue" })).toBeVisible();
});

test("an editor edits a record, reads the diff in its history, and restores the earlier version", async ({ page }) => {
  await signIn(page);
  const city = unique("Muscat");
  await newVenue(page, city, ["Oman", "OM", "23.588", "58.3829"]);

  await page.getByRole("link", { name: "Edit" }).click();
  await page.getByLabel("Country", { exact: true }).fill("Sultanate of Oman");
  await page.getByLabel("Edit summary").fill("Official name of the country");
  await page.getByRole("button", { name: "Save venue" }).click();
  await expect(page.getByRole("heading", { level: 1, name: city, exact: true })).toBeVisible();

  await page.getByRole("link", { name: "History" }).click();
  await expect(page.getByRole("heading", { level: 1, name: `History of ${city}` })).toBeVisible();
  const diff = page.getByRole("table").first();
  await expect(diff.getByRole("row", { name: /Country/ }).first()).toContainText("Oman");
  await expect(diff).toContainText("Sultanate of Oman");
  await expect(page.getByRole("cell", { name: /Update: Official name of the country/ })).toBeVisible();

  await page.getByRole("button", { name: "Restore this version" }).click();
  await expect(page.getByRole("cell", { name: /Restore: Restored the version of revision/ })).toBeVisible();
  await page.getByRole("link", { name: "See the record" }).click();
  await expect(page.getByText("Sultanate of Oman")).toHaveCount(0);
});

/** A save only the server can refuse: a short name another venue already uses. */
async function takeDohasShortName(page: Page, editUrl: string) {
  await page.goto(editUrl);
  await page.getByLabel("Short name in the URL (optional)").fill("doha");
  await page.getByLabel("Edit summary").fill("Shorter name");
  await page.getByRole("button", { name: "Save venue" }).click();
  const slug = page.getByLabel("Short name in the URL (optional)");
  await expect(slug).toHaveAccessibleDescription(/Another venue already uses this short name/);
  await expect(slug).toHaveValue("doha");
  await expect(slug).toBeFocused();
}

test("a save refused by the server puts focus on the field to blame", async ({ page }) => {
  await signIn(page);
  await takeDohasShortName(page, await newVenue(page, unique("Samarkand")));
});

/**
 * Two editors open the same venue; the first saves, then the second: refused, shown the first one's
 * change, their own input kept, and focus on the notice (no field is to blame).
 */
async function saveOverANewerVersion(browser: Browser, javaScriptEnabled: boolean) {
  const first = await browser.newPage({ javaScriptEnabled });
  const second = await browser.newPage({ javaScriptEnabled });
  await signIn(first, "editor");
  await signIn(second, "other");
  const city = unique("Tashkent");
  const editUrl = await newVenue(first, city);

  await first.goto(editUrl);
  await second.goto(editUrl);
  await first.getByLabel("Description (optional)").fill("Capital of Uzbekistan.");
  await first.getByLabel("Edit summary").fill("Describe the city");
  await first.getByRole("button", { name: "Save venue" }).click();
  await expect(first.getByRole("heading", { level: 1, name: city, exact: true })).toBeVisible();

  await second.getByLabel("Latitude").fill("41.3");
  await second.getByLabel("Edit summary").fill("Round the latitude");
  await second.getByRole("button", { name: "Save venue" }).click();
  await expect(second.getByRole("alert")).toContainText("Esra Editor saved a newer version");
  await expect(second.getByRole("heading", { name: /Esra Editor changed this record/ })).toBeFocused();
  await expect(second.getByRole("table")).toContainText("Capital of Uzbekistan.");
  // Nothing was lost: the second editor's input is still in the form.
  await expect(second.getByLabel("Latitude")).toHaveValue("41.3");
  await expect(second.getByLabel("Edit summary")).toHaveValue("Round the latitude");
  // And nothing was overwritten.
  await first.goto(editUrl.replace(/\/edit$/, ""));
  await expect(first.getByText("Capital of Uzbekistan.")).toBeVisible();
  await first.close();
  await second.close();
}

test("two editors save the same record: the second is refused, sees the first one's change, and keeps their input", async ({ browser }) => {
  await saveOverANewerVersion(browser, true);
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("a form submitted with mistakes shows each error next to its field and keeps the input", async ({ page }) => {
    await signIn(page);
    await page.goto("/venues/new");
    await page.getByLabel("City").fill("Nowhere");
    await page.getByLabel("Country code").fill("Oman");
    await page.getByLabel("Latitude").fill("123");
    await page.getByRole("button", { name: "Create venue" }).click();
    await expect(page.getByLabel("Country", { exact: true })).toHaveAccessibleDescription(/Enter the country/);
    await expect(page.getByLabel("Country code")).toHaveAccessibleDescription(/two-letter country code/);
    await expect(page.getByLabel("Latitude")).toHaveAccessibleDescription(/−90 to 90/);
    await expect(page.getByLabel("City")).toHaveValue("Nowhere");
    // Focus goes to the first field in error.
    await expect(page.getByLabel("Country", { exact: true })).toBeFocused();
  });

  test("a save refused by the server puts focus on the field to blame", async ({ page }) => {
    await signIn(page);
    await takeDohasShortName(page, await newVenue(page, unique("Bukhara")));
  });

  test("a save refused for a newer version shows the other editor's change, keeps the input, and focuses the notice", async ({ browser }) => {
    await saveOverANewerVersion(browser, false);
  });
});
