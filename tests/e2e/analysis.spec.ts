import { expect, test, type Page } from "@playwright/test";

// Figures from the shipped data set, worked out by hand from db/dataset/pak-afg-2025.json.
// Ceasefires in effect: the 48-hour truce (15 Oct 2025; expired on the 17th with only a disputed
// breach: 2 days, censored) and the Doha ceasefire (19 Oct; first corroborated breach on 6 Nov:
// 18 days, broken). Kaplan–Meier: 2 at risk at day 2 (censored), 1 at risk at day 18, broken:
// the curve falls to 0 at 18, so the median is 18 days; the one broken held 18 days.
// Ceasefire breaches: truce × Paktika strikes (disputed, Pakistan), Doha ceasefire × Spin Boldak
// (corroborated, unattributed), × Khost 25 Nov (alleged, Pakistan), × December clashes (alleged,
// unattributed): two each for Pakistan and "Not attributed", 50% each.

function row(page: Page, caption: string | RegExp, header: string) {
  return page
    .getByRole("table", { name: caption, exact: typeof caption === "string" })
    .getByRole("row").filter({ has: page.getByRole("rowheader", { name: header, exact: true }) });
}

test("the analysis page filtered to ceasefires shows the hand-computed figures in its tables", async ({ page }) => {
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  const response = await page.goto("/analysis?kind=ceasefire", { waitUntil: "networkidle" });
  expect(response?.status()).toBe(200);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Analysis");
  await expect(page.getByLabel("Commitment kind")).toHaveValue("ceasefire");

  const all = row(page, "Commitments unbroken over time", "All commitments");
  // Group, n, broken, censored, KM median, median of the broken, unbroken after 7, 30, 90 days.
  await expect(all.getByRole("cell")).toHaveText(["2", "1", "1", "18", "18 (of 1)", "100%", "0%", "0%"]);

  await expect(row(page, "Breaches by party alleged responsible", "Pakistan").getByRole("cell")).toHaveText(["1", "0", "1", "2", "2", "50%"]);
  await expect(row(page, "Breaches by party alleged responsible", "Not attributed").getByRole("cell")).toHaveText(["1", "1", "0", "2", "2", "50%"]);
  expect(errors).toEqual([]);
});

test("a click on a round in the timeline leads to that round, and on a bar to its incidents", async ({ page }) => {
  const view = "/analysis?process=pakistan-afghanistan-de-escalation-2025";
  await page.goto(view, { waitUntil: "networkidle" });
  // The upper chart lists rounds and commitments in date order; the Riyadh talks come last.
  const timeline = page.locator(".chart-canvas").first();
  await expect(timeline.getByText("◆ Saudi-hosted talks in Riyadh")).toBeVisible();
  await timeline.locator(".bar-rows .recharts-bar-rectangle").last().click();
  await expect(page).toHaveURL(/\/rounds\/riyadh-2025-12$/);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Riyadh");

  // Below, the last month: the clashes of December 2025 that breached the Doha commitments.
  await page.goto(view, { waitUntil: "networkidle" });
  await page.locator(".chart-canvas").first().locator(".bar-incidents .recharts-bar-rectangle").last().click();
  await expect(page).toHaveURL(/\/incidents\?from=2025-12-01&to=2025-12-31$/);
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("every chart's figures are in tables, with links to the records", async ({ page }) => {
    await page.goto("/analysis?kind=ceasefire");
    await expect(page.locator(".chart-canvas")).toHaveCount(0);
    await expect(row(page, "Commitments unbroken over time", "All commitments").getByRole("cell").first()).toHaveText("2");
    await page.getByRole("table", { name: /^Rounds/ }).getByRole("link", { name: /Doha round/ }).click();
    await expect(page).toHaveURL(/\/rounds\/doha-2025-10$/);
  });

  test("a bad filter is named next to its field with a 400, and the rest still applies", async ({ page }) => {
    const response = await page.goto("/analysis?per=day&kind=ceasefire");
    expect(response?.status()).toBe(400);
    await expect(page.getByRole("alert")).toContainText("Group by month or by week.");
    await expect(row(page, "Commitments unbroken over time", "All commitments").getByRole("cell").first()).toHaveText("2");
  });
});
