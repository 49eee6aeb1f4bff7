import { readFile } from "node:fs/promises";
import { expect, test } from "@playwright/test";

test("a reader follows the Doha round to its ceasefire and to the incident that broke it", async ({ page, context }) => {
  await page.goto("/");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Rounds" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Rounds" })).toBeVisible();

  await page.getByRole("link", { name: "Doha round: agreement on an immediate ceasefire" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Doha round: agreement on an immediate ceasefire" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Doha, Qatar" })).toBeVisible();

  await page.getByRole("link", { name: "Doha immediate ceasefire" }).click();
  await expect(page).toHaveURL(/\/commitments\/\d+$/);
  await expect(page.getByRole("heading", { level: 1, name: "Doha immediate ceasefire" })).toBeVisible();
  await expect(page.getByText("Broken", { exact: true }).first()).toBeVisible();
  // The commitment links back to its round.
  await expect(page.getByRole("link", { name: "Doha round: agreement on an immediate ceasefire" }).first()).toBeVisible();

  await page.getByRole("link", { name: "Cross-border fire at Spin Boldak during the Istanbul talks" }).first().click();
  await expect(page).toHaveURL(/\/incidents\/\d+$/);
  await expect(page.getByRole("heading", { level: 1, name: "Cross-border fire at Spin Boldak during the Istanbul talks" })).toBeVisible();
  // The incident page leads back to the commitment it broke.
  await expect(page.getByRole("link", { name: "Doha immediate ceasefire" })).toBeVisible();
  // Reading starts no session: nothing is stored in the reader's browser.
  expect(await context.cookies()).toEqual([]);
});

test("the server's links hydrate into the app's: following them loads no new document and logs no error", async ({ page }) => {
  // On the server, links are written as plain markup (components/link.tsx); the browser must take
  // them over as Remix links, without a hydration mismatch.
  const errors: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(message.text());
  });
  page.on("pageerror", (error) => errors.push(error.message));
  await page.goto("/rounds");
  await expect(page.getByRole("heading", { level: 1, name: "Rounds" })).toBeVisible();
  await page.waitForLoadState("networkidle");
  const documents: string[] = [];
  page.on("request", (request) => {
    if (request.resourceType() === "document") documents.push(request.url());
  });
  await page.getByRole("link", { name: "Doha round: agreement on an immediate ceasefire" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Doha round: agreement on an immediate ceasefire" })).toBeVisible();
  await page.getByRole("link", { name: "Doha, Qatar" }).click();
  await expect(page).toHaveURL(/\/venues\/doha$/);
  expect(documents).toEqual([]);
  expect(errors).toEqual([]);
});

test("a reader goes from a mediator to the rounds it mediated", async ({ page }) => {
  await page.goto("/mediators");
  await expect(page.getByRole("heading", { level: 1, name: "Mediators" })).toBeVisible();
  await page.getByRole("link", { name: "Türkiye", exact: true }).first().click();
  await expect(page).toHaveURL(/\/mediators\/turkiye$/);
  await expect(page.getByRole("heading", { level: 1, name: /Türkiye/ })).toBeVisible();
  for (const round of ["Doha round: agreement on an immediate ceasefire", "Istanbul follow-up round on a border mechanism", "Third round in Istanbul"]) {
    await expect(page.getByRole("link", { name: round }).first()).toBeVisible();
  }
  await page.getByRole("link", { name: "Third round in Istanbul" }).first().click();
  await expect(page.getByRole("heading", { level: 1, name: "Third round in Istanbul" })).toBeVisible();
});

test("a list filter narrows the results, and its URL reloads to the same view", async ({ page }) => {
  await page.goto("/rounds");
  const rows = page.getByRole("table").getByRole("row");
  await expect(rows).toHaveCount(7); // header + 6 rounds
  await page.getByLabel("Mediator").selectOption({ label: "Qatar" });
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/[?&]mediator=qatar/);
  await expect(rows).toHaveCount(2);
  await expect(page.getByRole("link", { name: "Doha round: agreement on an immediate ceasefire" })).toBeVisible();

  const url = page.url();
  await page.goto(url);
  await expect(rows).toHaveCount(2);
  await expect(page.getByLabel("Mediator")).toHaveValue("qatar");
});

test("a CSV download holds the rows of the filtered list", async ({ page }) => {
  await page.goto("/incidents?province=Paktika");
  const shown = await page.getByRole("table").locator("tbody tr").count();
  expect(shown).toBeGreaterThan(1);
  const downloadPromise = page.waitForEvent("download");
  await page.getByRole("link", { name: "Download all matching incidents as CSV" }).click();
  const download = await downloadPromise;
  expect(download.suggestedFilename()).toMatch(/\.csv$/);
  const text = (await readFile(await download.path(), "utf8")).replace(/^\uFEFF/, "");
  const lines = text.trim().split(/\r\n/);
  expect(lines[0]).toMatch(/^id,/);
  expect(lines).toHaveLength(shown + 1);
  for (const line of lines.slice(1)) expect(line).toContain("Paktika");
});

test("a malformed filter explains itself next to the field instead of failing", async ({ page }) => {
  const response = await page.goto("/rounds?from=19-10-2025");
  expect(response?.status()).toBe(400);
  await expect(page.getByRole("alert")).toContainText("Some filters could not be used");
  await expect(page.getByLabel("From")).toHaveAccessibleDescription(/YYYY-MM-DD/);
  await expect(page.getByRole("table").locator("tbody tr")).toHaveCount(6);
});

test("an unknown record answers a 404 page", async ({ page }) => {
  const response = await page.goto("/rounds/geneva-1999");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1, name: "Not found" })).toBeVisible();
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("filters and pages still work", async ({ page }) => {
    await page.goto("/incidents");
    await page.getByLabel("Kind").selectOption({ label: "Airstrike" });
    await page.getByRole("button", { name: "Apply" }).click();
    await expect(page).toHaveURL(/kind=airstrike/);
    // Without JavaScript the URL changes before the new page is read: wait for its rows.
    await expect(page.getByRole("table").locator("tbody tr").first()).toContainText("Airstrike");
    const kinds = await page.getByRole("table").locator("tbody tr").allInnerTexts();
    expect(kinds.length).toBeGreaterThan(0);
    for (const row of kinds) expect(row).toContain("Airstrike");
  });

  test("the incidents filter takes a commitment's number and names the commitment", async ({ page }) => {
    await page.goto("/rounds/doha-2025-10");
    await page.getByRole("link", { name: "Doha immediate ceasefire" }).first().click();
    await expect(page).toHaveURL(/\/commitments\/\d+$/);
    const id = new URL(page.url()).pathname.split("/").pop()!;
    await page.goto("/incidents");
    await page.getByLabel("Broke commitment (number)").fill(id);
    await page.getByRole("button", { name: "Apply" }).click();
    await expect(page).toHaveURL(new RegExp(`[?&]commitment=${id}(&|$)`));
    await expect(page.getByLabel("Broke commitment (number)")).toHaveAccessibleDescription(`Doha immediate ceasefire (#${id})`);
    await expect(page.getByRole("link", { name: "Cross-border fire at Spin Boldak during the Istanbul talks" })).toBeVisible();

    const response = await page.goto("/incidents?commitment=twelve");
    expect(response?.status()).toBe(400);
    await expect(page.getByLabel("Broke commitment (number)")).toHaveAccessibleDescription(/Use a commitment's number/);
  });
});
