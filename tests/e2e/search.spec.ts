import { expect, test } from "@playwright/test";

// Records of the shipped data set (db/dataset/pak-afg-2025.json).
const DOHA_ROUND = "Doha round: agreement on an immediate ceasefire";

test("the header's search box finds the Doha round, with the matching word marked", async ({ page }) => {
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await page.goto("/");
  const box = page.getByLabel("Search Parley");
  await box.fill("Doha");
  await box.press("Enter");
  await expect(page).toHaveURL(/\/search\?q=Doha$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Search");
  await expect(page.getByLabel("Search for")).toHaveValue("Doha");

  const rounds = page.getByRole("region", { name: /^Rounds/ });
  const link = rounds.getByRole("link", { name: DOHA_ROUND });
  await expect(link).toBeVisible();
  await expect(link.locator("mark")).toHaveText("Doha");
  await expect(page.getByRole("region", { name: /^Venues/ }).getByRole("link", { name: "Doha" })).toBeVisible();
  await link.click();
  await expect(page).toHaveURL(/\/rounds\/doha-2025-10$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(DOHA_ROUND);
  expect(errors).toEqual([]);
});

test("searching Spin Boldak lists the incidents there", async ({ page }) => {
  await page.goto("/search");
  await page.getByLabel("Search for").fill("Spin Boldak");
  await page.getByRole("main").getByRole("button", { name: "Search" }).click();
  const incidents = page.getByRole("region", { name: /^Incidents/ });
  await expect(incidents.getByRole("link", { name: "Cross-border fire at Spin Boldak during the Istanbul talks" })).toBeVisible();
  await expect(incidents.getByRole("link", { name: "Strikes and civilian casualties in Spin Boldak, mid-October 2025" })).toBeVisible();

  // One type at a time, from the form.
  await page.getByLabel("In", { exact: true }).selectOption("incident");
  await page.getByRole("main").getByRole("button", { name: "Search" }).click();
  await expect(page).toHaveURL(/type=incident/);
  await expect(page.getByRole("heading", { level: 2 })).toHaveText([/^Incidents/]);
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("Turkiye finds Türkiye, and Khowst finds Khost", async ({ page }) => {
    await page.goto("/search");
    await page.getByLabel("Search for").fill("Turkiye");
    await page.getByLabel("Search for").press("Enter");
    await expect(page).toHaveURL(/\/search\?q=Turkiye/);
    await expect(page.getByRole("region", { name: /^Actors/ }).getByRole("link", { name: "Türkiye", exact: true })).toBeVisible();
    await expect(page.getByRole("region", { name: /^Venues/ }).getByRole("link", { name: "Istanbul" })).toBeVisible();

    await page.goto("/search?q=Khowst&type=incident");
    await expect(page.getByRole("link", { name: "Pakistani airstrike in Khost province" })).toBeVisible();
  });

  test("a bad parameter is named next to its field, with status 400", async ({ page }) => {
    const response = await page.goto("/search?q=doha&type=planet");
    expect(response?.status()).toBe(400);
    await expect(page.locator("#search-type-error")).toContainText("Choose a record type");
    // The search still runs over every type.
    await expect(page.getByRole("region", { name: /^Rounds/ }).getByRole("link", { name: DOHA_ROUND })).toBeVisible();
  });
});
