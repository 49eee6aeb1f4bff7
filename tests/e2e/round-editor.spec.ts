import { expect, test, type Page } from "@playwright/test";
import { signIn, unique } from "./support";

// These journeys sign in with real bcrypt hashes and fill long forms: allow more than the default budget.
test.describe.configure({ timeout: 120_000 });

async function recordRound(page: Page, title: string, city: string) {
  await page.goto("/rounds");
  await page.getByRole("link", { name: "New round" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("round");
  await page.getByLabel("Title", { exact: true }).fill(title);
  await page.getByLabel("Process", { exact: true }).selectOption({ label: "Pakistan–Afghanistan de-escalation talks, 2025" });
  const start = page.getByRole("group", { name: "Start date" });
  await start.getByLabel("Date").fill("2026-02-10");
  await start.getByLabel("Known to the").selectOption("day");
  // A venue that is not in the list yet, made inline.
  await page.getByText("Add a venue that is not in the list").click();
  const venue = page.getByRole("group", { name: "New venue" });
  await venue.getByLabel("City").fill(city);
  await venue.getByLabel("Country", { exact: true }).fill("Saudi Arabia");
  await venue.getByLabel("Country code").fill("SA");
  await venue.getByLabel("Latitude").fill("24.7136");
  await venue.getByLabel("Longitude").fill("46.6753");
  await page.getByLabel("Format").selectOption("mediated");
  await page.getByLabel("Outcome").selectOption("agreement");
  const mediators = page.getByRole("group", { name: "Mediators" });
  await mediators.getByLabel("Saudi Arabia").check();
  await mediators.getByLabel("Qatar").check();
  const parties = page.getByRole("group", { name: "Parties" });
  await parties.getByLabel("Pakistan", { exact: true }).check();
  await parties.getByLabel("Taliban authorities of Afghanistan").check();
  // A source pasted in.
  await page.getByRole("button", { name: "Add a new source" }).click();
  const source = page.getByRole("group", { name: "New source 1" });
  await source.getByLabel("Web address (optional)").fill(`https://example.org/${Date.now()}`);
  await source.getByLabel("Source title").fill(`Talks resume in ${city}`);
  await source.getByLabel("Publisher").fill("Example Wire");
  // Two commitments on the same page.
  for (const [n, name] of [
    [1, "Renewed ceasefire along the border"],
    [2, "Joint verification mechanism"],
  ] as const) {
    await page.getByRole("button", { name: "Add a commitment" }).click();
    const c = page.getByRole("group", { name: `New commitment ${n}` });
    await c.getByLabel("Commitment title").fill(`${name} (${title})`);
    await c.getByLabel("Wording").fill(`Both parties agree: ${name.toLowerCase()}.`);
    await c.getByLabel("Kind of commitment").selectOption(n === 1 ? "ceasefire" : "verification_mechanism");
  }
  await page.getByRole("button", { name: "Create round" }).click();
  await expect(page.getByRole("heading", { level: 1, name: title, exact: true })).toBeVisible();
}

test("an editor records a new round with two mediators, a venue made inline, two commitments and a source", async ({ page }) => {
  await signIn(page);
  const title = unique("Riyadh follow-up round");
  const city = unique("Riyadh-annex");
  await recordRound(page, title, city);
  await expect(page.getByRole("link", { name: new RegExp(city) }).first()).toBeVisible();
  for (const name of ["Saudi Arabia", "Qatar"]) await expect(page.getByRole("link", { name, exact: true }).first()).toBeVisible();
  await expect(page.getByRole("link", { name: `Renewed ceasefire along the border (${title})` })).toBeVisible();
  await expect(page.getByRole("link", { name: `Joint verification mechanism (${title})` })).toBeVisible();
  await expect(page.getByRole("link", { name: `Talks resume in ${city}` })).toBeVisible();
  // Readers see it in the list too.
  await page.goto("/rounds");
  await expect(page.getByRole("link", { name: title })).toBeVisible();
});

test("two editors save the same round: the second gets the conflict message and loses nothing", async ({ browser }) => {
  const first = await browser.newPage();
  const second = await browser.newPage();
  await signIn(first, "editor");
  await signIn(second, "other");
  const title = unique("Jeddah round");
  await recordRound(first, title, unique("Jeddah"));
  const edit = new URL(first.url()).pathname + "/edit";
  await first.goto(edit);
  await second.goto(edit);

  await first.getByLabel("Outcome").selectOption("collapsed");
  await first.getByLabel("Edit summary").fill("The talks collapsed");
  await first.getByRole("button", { name: "Save round" }).click();
  await expect(first.getByRole("heading", { level: 1, name: title, exact: true })).toBeVisible();

  await second.getByLabel("Round summary (optional)").fill("Second editor's careful summary.");
  await second.getByLabel("Edit summary").fill("Add a summary");
  await second.getByRole("button", { name: "Save round" }).click();
  await expect(second.getByRole("alert").first()).toContainText("Esra Editor saved a newer version");
  await expect(second.getByRole("heading", { name: /Esra Editor changed this record/ })).toBeVisible();
  await expect(second.locator(".conflict")).toContainText("Collapsed");
  await expect(second.getByLabel("Round summary (optional)")).toHaveValue("Second editor's careful summary.");
  await first.close();
  await second.close();
});
