import { expect, test } from "@playwright/test";

// Every kind of page, rendered and hydrated, with no error in the browser: a value imported from a
// .server module into a component renders on the server but breaks in the browser.
const PAGES: [string, RegExp][] = [
  ["/", /^Parley$/],
  ["/rounds", /^Rounds$/],
  ["/rounds/doha-2025-10", /Doha round/],
  ["/commitments", /^Commitments$/],
  ["/incidents", /^Incidents$/],
  ["/mediators", /^Mediators$/],
  ["/mediators/qatar", /Qatar/],
  ["/parties", /^Parties$/],
  ["/actors", /^Actors$/],
  ["/actors/pakistan", /Pakistan/],
  ["/venues", /^Venues$/],
  ["/venues/doha", /Doha/],
  ["/sources", /^Sources$/],
  ["/analysis", /^Analysis/],
  ["/api/v1", /API/],
];

for (const [path, heading] of PAGES) {
  test(`${path} renders and runs in the browser without errors`, async ({ page }) => {
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    page.on("console", (m) => {
      if (m.type() === "error") errors.push(m.text());
    });
    const response = await page.goto(path, { waitUntil: "networkidle" });
    expect(response?.status()).toBe(200);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(heading);
    await expect(page.getByRole("main")).toBeVisible();
    expect(errors).toEqual([]);
  });
}

test("record pages reached from lists render without errors", async ({ page }) => {
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  for (const list of ["/commitments", "/incidents", "/sources"]) {
    await page.goto(list);
    await page.getByRole("table").locator("tbody tr").first().getByRole("link").first().click();
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await expect(page.getByRole("heading", { level: 1 })).not.toHaveText("Something went wrong");
  }
  expect(errors).toEqual([]);
});
