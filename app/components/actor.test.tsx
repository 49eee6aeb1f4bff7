import type { ReactElement } from "react";
import { renderToString } from "react-dom/server";
import { StaticRouter } from "react-router-dom/server";
import { expect, it } from "vitest";
import { ACTOR_PAGE_LATEST, getActor } from "~/models/actors.server";
import { AS_OF, mediationDataset } from "~/models/actors.fixtures";
import { describeEachEngine } from "../../tests/support/db";
import { ActorBreaches, ActorRounds, BoundCommitments, MediationRecord } from "./actor";

/** What a reader sees: the rendered text, tags and React's text separators removed. */
function textOf(element: ReactElement) {
  const html = renderToString(<StaticRouter location="/">{element}</StaticRouter>);
  return html.replace(/<!-- -->/g, "").replace(/<[^>]+>/g, " ").replace(/\s+/g, " ");
}
const rowsOf = (element: ReactElement) => (renderToString(<StaticRouter location="/">{element}</StaticRouter>).match(/<tr/g) ?? []).length;

describeEachEngine("actor page components", (t) => {
  it("gives the true totals of a party's commitments and says when only the latest are listed", async () => {
    await t.load(mediationDataset({ obtainedByQatar: 25 }));
    const b = (await getActor(t.db, { slug: "party-b" }, AS_OF))!;
    const text = textOf(<BoundCommitments actor={b} />);
    expect(text).toContain("30 commitments, 3 broken as of today.");
    expect(text).toContain(`The latest ${ACTOR_PAGE_LATEST} of 30 commitments`);
    // A header row and the listed commitments.
    expect(rowsOf(<BoundCommitments actor={b} />)).toBe(1 + ACTOR_PAGE_LATEST);
    expect(textOf(<ActorRounds actor={b} roles={["party"]} />)).toContain("Attended as a party (4 rounds)");
    const breaches = textOf(<ActorBreaches actor={b} />);
    expect(breaches).toContain("Breaches Party B is alleged responsible for (2)");
    expect(breaches).not.toContain("The latest");
  });

  it("counts every commitment a mediator obtained, not only the listed ones", async () => {
    await t.load(mediationDataset({ obtainedByQatar: 25 }));
    const q = (await getActor(t.db, { slug: "qatar" }, AS_OF))!;
    const text = textOf(<MediationRecord actor={q} />);
    expect(text).toContain("Rounds mediated or hosted (2)");
    expect(text).toContain("30 commitments, 2 broken as of today.");
    expect(text).toContain(`The latest ${ACTOR_PAGE_LATEST} of 30 commitments`);
    // Only the commitments table is cut; both rounds are listed.
    expect(text).not.toContain("of 2 rounds");
  });

  it("says nothing of a cut when everything is listed", async () => {
    await t.load(mediationDataset());
    const b = (await getActor(t.db, { slug: "party-b" }, AS_OF))!;
    const text = textOf(<BoundCommitments actor={b} />);
    expect(text).toContain("5 commitments, 3 broken as of today.");
    expect(text).not.toContain("The latest");
  });
});
