import { expect, test } from "@playwright/test";
import { signIn, unique } from "./support";

// These journeys sign in with real bcrypt hashes and fill long forms: allow more than the default budget.
test.describe.configure({ timeout: 120_000 });

test("an editor records an incident with two competing claims, links it as a breach, and the commitment turns broken", async ({ page, request }) => {
  await signIn(page);
  // A commitment of its own, so no other test's data is touched.
  const commitment = unique("Truce around Torkham");
  await page.goto("/commitments/new");
  await page.getByLabel("Title", { exact: true }).fill(commitment);
  await page.getByLabel("Wording").fill("Neither side fires across the Torkham crossing.");
  await page.getByLabel("Kind of commitment").selectOption("ceasefire");
  await page.getByLabel("Process", { exact: true }).selectOption({ label: "Pakistan–Afghanistan de-escalation talks, 2025" });
  await page.getByLabel("Actors bound", { exact: true }).selectOption([{ label: "Pakistan" }, { label: "Taliban authorities of Afghanistan" }]);
  await page.getByRole("group", { name: "Takes effect" }).getByLabel("Date").fill("2026-03-01");
  await page.getByLabel("Sources cited", { exact: true }).selectOption({ index: 0 });
  await page.getByRole("button", { name: "Create commitment" }).click();
  await expect(page.getByRole("heading", { level: 1, name: commitment, exact: true })).toBeVisible();
  const commitmentPath = new URL(page.url()).pathname;
  await expect(page.getByText("Holding", { exact: true }).first()).toBeVisible();

  const incident = unique("Shelling at Torkham");
  await page.goto("/incidents/new");
  await page.getByLabel("Title", { exact: true }).fill(incident);
  await page.getByRole("group", { name: "When it happened" }).getByLabel("Date").fill("2026-03-05");
  await page.getByLabel("Kind", { exact: true }).selectOption("cross_border_fire");
  const where = page.getByRole("group", { name: "Where it happened" });
  await where.getByLabel("Country code").fill("AF");
  await where.getByLabel("Province (optional)").fill("Nangarhar");
  await where.getByLabel("Place known to the").selectOption({ label: "Province" });
  await page.getByLabel("Summary", { exact: true }).fill("Artillery fire across the crossing.");
  await page.getByLabel("Sources cited", { exact: true }).selectOption({ index: 0 });
  await page.getByRole("button", { name: "Create incident" }).click();
  await expect(page.getByRole("heading", { level: 1, name: incident, exact: true })).toBeVisible();

  for (const [claimant, killed] of [
    ["Pakistan", "3"],
    ["Taliban authorities of Afghanistan", "11"],
  ]) {
    await page.getByRole("link", { name: "Add a claim" }).click();
    await page.getByLabel("Claimant", { exact: true }).selectOption({ label: claimant });
    await page.getByLabel("Category", { exact: true }).selectOption("civilians");
    await page.getByLabel("Killed (low)").fill(killed);
    await page.getByLabel("Source", { exact: true }).selectOption({ index: 1 });
    await page.getByRole("button", { name: "Add claim" }).click();
    await expect(page.getByRole("heading", { level: 1, name: incident, exact: true })).toBeVisible();
  }
  // Both figures side by side, neither averaged away.
  await expect(page.getByRole("link", { name: "Edit claim by Pakistan" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Edit claim by Taliban authorities of Afghanistan" })).toBeVisible();
  await expect(page.getByText("Killed among civilians: 3 (Pakistan) to 11+ (Taliban authorities of Afghanistan).")).toBeVisible();

  await page.getByRole("link", { name: "Link to a commitment it broke" }).click();
  const picker = page.getByLabel("Commitment it broke", { exact: true });
  await picker.selectOption((await picker.locator("option", { hasText: commitment }).getAttribute("value"))!);
  await page.getByRole("radio", { name: "Corroborated" }).check();
  await page.getByLabel("Reasoning").fill("Both sides report the shelling, inside the truce's term.");
  await page.getByLabel("Sources cited", { exact: true }).selectOption({ index: 0 });
  await page.getByRole("button", { name: "Link breach" }).click();
  await expect(page.getByRole("heading", { level: 1, name: incident, exact: true })).toBeVisible();

  await page.goto(commitmentPath);
  await expect(page.getByText("Broken", { exact: true }).first()).toBeVisible();
  await expect(page.getByRole("link", { name: incident }).first()).toBeVisible();
  const api = await request.get(`/api/v1${commitmentPath}`);
  expect((await api.json()).data).toMatchObject({ status: "broken", daysHeld: 4 });

  // Edit the commitment, read the diff, restore the earlier version.
  await page.getByRole("link", { name: "Edit", exact: true }).click();
  await page.getByLabel("Wording").fill("Neither side fires across the Torkham or Chaman crossings.");
  await page.getByLabel("Edit summary").fill("Add Chaman");
  await page.getByRole("button", { name: "Save commitment" }).click();
  // The edit page has a History link too: wait until the save has landed on the record's page.
  await expect(page.getByText("Neither side fires across the Torkham or Chaman crossings.")).toBeVisible();
  await page.getByRole("link", { name: "History" }).click();
  await expect(page.getByRole("table").first()).toContainText("Torkham or Chaman");
  await page.getByRole("button", { name: "Restore this version" }).first().click();
  // "See the record" is on the page before the restore too: follow it only once the restore is listed.
  await expect(page.getByRole("cell", { name: /Restore: Restored the version of revision/ })).toBeVisible();
  await page.getByRole("link", { name: "See the record" }).click();
  await expect(page.getByText("Neither side fires across the Torkham crossing.")).toBeVisible();
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("from a commitment's page an editor lists incidents by date to reach any of them; one outside the term is refused, focus on the picker", async ({ page, request }) => {
    // The newest commitment in force, and the oldest incident of all: far outside its term.
    const commitment = (await (await request.get("/api/v1/commitments?sort=date-desc&limit=1")).json()).data[0];
    const oldest = (await (await request.get("/api/v1/incidents?sort=date-asc&limit=1")).json()).data[0];
    await signIn(page);
    await page.goto(`/commitments/${commitment.id}/breaches/new`);
    const listed = page.getByRole("group", { name: "Incidents to choose from" });
    // By default the list holds the incidents of the commitment's term, since only those can break it.
    await expect(listed.getByLabel("Occurred on or after")).toHaveValue(commitment.takesEffectOn);

    await listed.getByLabel("Occurred on or after").fill(oldest.occurredOn);
    await listed.getByLabel("Occurred on or before").fill(oldest.occurredOn);
    await listed.getByRole("button", { name: "List these incidents" }).click();
    await expect(page).toHaveURL(new RegExp(`incidents_from=${oldest.occurredOn}&incidents_to=${oldest.occurredOn}`));
    const picker = page.getByLabel("Incident that broke it", { exact: true });
    await picker.selectOption((await picker.locator("option", { hasText: oldest.title }).getAttribute("value"))!);
    await page.getByLabel("Reasoning").fill("Tried on purpose: the incident is years before the commitment.");
    await page.getByLabel("Sources cited", { exact: true }).selectOption({ index: 0 });
    await page.getByRole("button", { name: "Link breach" }).click();

    await expect(picker).toHaveAccessibleDescription(/before the commitment took effect/);
    await expect(picker).toBeFocused();
    // The window and the input are kept.
    await expect(listed.getByLabel("Occurred on or before")).toHaveValue(oldest.occurredOn);
    await expect(page.getByLabel("Reasoning")).toHaveValue(/Tried on purpose/);
  });

  test("a date window that makes no sense is shown by its field", async ({ page, request }) => {
    const commitment = (await (await request.get("/api/v1/commitments?sort=date-desc&limit=1")).json()).data[0];
    await signIn(page);
    const res = await page.goto(`/commitments/${commitment.id}/breaches/new?incidents_from=2025-10-30&incidents_to=2025-10-20`);
    expect(res?.status()).toBe(400);
    const before = page.getByRole("group", { name: "Incidents to choose from" }).getByLabel("Occurred on or before");
    await expect(before).toHaveAccessibleDescription("The end date is before the start date.");
    await expect(before).toHaveValue("2025-10-20");
    await expect(before).toBeFocused();
  });
});
