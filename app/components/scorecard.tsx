// Scorecards of mediators and venues, and a round beside the other rounds of its process: tables
// that carry every figure with the number behind it. Definitions: docs/decisions/0004-scorecards.md.
import type { ReactNode } from "react";
import { Link } from "~/components/link";
import { enumLabel, ROUND_OUTCOMES } from "@db/enums";
import { shareBroken } from "~/models/actors";
import type { BrokenWithin, HeldFigures, KmMedian, ProcessRecord, Scorecard } from "~/models/scorecards.server";
import { formatDate } from "~/utils/dates";
import { formatShare } from "./actor";
import { OutcomeBadge } from "./badges";

/** The definitions in one line, under every scorecard. */
export function ScorecardNote({ km = false }: { km?: boolean }) {
  return (
    <p className="muted small">
      As of today. “Broken” means ended by a corroborated breach. <strong>Broken within 7 or 30 days</strong>: of the commitments in force
      that long or broken sooner (n), the share broken by then; those observed for less time without a breach (still running, or expired
      sooner) are not counted. <strong>Median days held by the broken ones</strong> ignores those still holding
      {km ? "; the Kaplan–Meier median counts them too, as held at least so far" : ""}. Breaches assessed as rejected are not counted.
    </p>
  );
}

function Within({ w }: { w: BrokenWithin }) {
  return w.n === 0 ? (
    <span className="muted">— (n = 0)</span>
  ) : (
    <>
      {formatShare(w.share)} <span className="muted small">({w.broken} of {w.n})</span>
    </>
  );
}

function MedianBroken({ card }: { card: HeldFigures }) {
  return card.medianDaysHeldBroken == null ? (
    <span className="muted">— (none broken)</span>
  ) : (
    <>
      {card.medianDaysHeldBroken} <span className="muted small">(n = {card.broken})</span>
    </>
  );
}

/** Column headers broken over two lines: table headers do not wrap by themselves. */
function WithinHeaders() {
  return (
    <>
      {[7, 30].map((days) => (
        <th key={days} scope="col" className="num">
          Broken within
          <br />
          {days} days (of n)
        </th>
      ))}
      <th scope="col" className="num">
        Median days held,
        <br />
        broken ones
      </th>
    </>
  );
}

function KmCell({ km }: { km: KmMedian | null }) {
  if (!km) return <span className="muted">—</span>;
  return (
    <>
      {km.days == null ? "not reached" : km.days} <span className="muted small">(n = {km.n})</span>
    </>
  );
}

function outcomeSummary(card: Scorecard): string {
  const seen = ROUND_OUTCOMES.filter((o) => card.outcomes[o] > 0);
  return seen.length ? seen.map((o) => `${enumLabel(o)} ${card.outcomes[o]}`).join(" · ") : "—";
}

function PartyName({ party }: { party: Scorecard["breachesByParty"][number]["party"] }) {
  return party ? <Link to={`/actors/${party.slug}`}>{party.name}</Link> : <span className="muted">not named</span>;
}

/**
 * One mediator's or venue's scorecard. `km` is null when the survival analysis has no curve for
 * exactly these commitments: `kmMissing` then says why, unless none is in effect.
 */
export function ScorecardSummary({
  name,
  card,
  roundsLabel,
  km,
  kmMissing,
}: {
  name: string;
  card: Scorecard;
  roundsLabel: string;
  km: KmMedian | null;
  /** Why there is no Kaplan–Meier median, when there is none although commitments are in effect. */
  kmMissing: string;
}) {
  return (
    <section aria-labelledby="scorecard-heading">
      <h2 id="scorecard-heading">Scorecard</h2>
      <div className="table-scroll">
        <table style={{ width: "auto" }}>
          <caption className="sr-only">Scorecard of {name}</caption>
          <tbody>
            <tr>
              <th scope="row">{roundsLabel}</th>
              <td className="num">{card.rounds}</td>
            </tr>
            <tr>
              <th scope="row">Outcomes of those rounds</th>
              <td className="num">{outcomeSummary(card)}</td>
            </tr>
            <tr>
              <th scope="row">Commitments obtained</th>
              <td className="num">
                {card.commitments} <span className="muted small">({card.inEffect} in effect)</span>
              </td>
            </tr>
            <tr>
              <th scope="row">Broken</th>
              <td className="num">
                {card.broken} <span className="muted small">({formatShare(shareBroken(card))} of those obtained)</span>
              </td>
            </tr>
            <tr>
              <th scope="row">Broken within 7 days</th>
              <td className="num">
                <Within w={card.brokenWithin7Days} />
              </td>
            </tr>
            <tr>
              <th scope="row">Broken within 30 days</th>
              <td className="num">
                <Within w={card.brokenWithin30Days} />
              </td>
            </tr>
            <tr>
              <th scope="row">Median days held by the broken ones</th>
              <td className="num">
                <MedianBroken card={card} />
              </td>
            </tr>
            <tr>
              <th scope="row">Median days held (Kaplan–Meier)</th>
              <td className="num">
                {km || card.inEffect === 0 ? <KmCell km={km} /> : <span className="muted small">not available: {kmMissing}</span>}
              </td>
            </tr>
          </tbody>
        </table>
      </div>
      <ScorecardNote km />
      <h3>Breaches by the party alleged responsible</h3>
      {card.breachesByParty.length === 0 ? (
        <p className="muted">No breach of these commitments is recorded.</p>
      ) : (
        <div className="table-scroll">
          <table style={{ width: "auto" }}>
            <caption className="sr-only">Breaches of the commitments obtained, by the party alleged responsible</caption>
            <thead>
              <tr>
                <th scope="col">Alleged responsible</th>
                <th scope="col" className="num">Breaches</th>
                <th scope="col" className="num">Corroborated</th>
              </tr>
            </thead>
            <tbody>
              {card.breachesByParty.map((p) => (
                <tr key={p.party?.slug ?? ""}>
                  <th scope="row">
                    <PartyName party={p.party} />
                  </th>
                  <td className="num">{p.breaches}</td>
                  <td className="num">{p.corroborated}</td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row">All</th>
                <td className="num">{card.breaches}</td>
                <td className="num">{card.breachesCorroborated}</td>
              </tr>
            </tfoot>
          </table>
        </div>
      )}
    </section>
  );
}

export interface ComparisonRow {
  key: string;
  /** The row header's content (a link to the record). */
  label: ReactNode;
  card: Scorecard;
  /** Undefined where the page has no Kaplan–Meier medians. */
  km?: KmMedian | null;
  /** Cells for `extraHeaders`, after the rounds in the first table. */
  extra?: ReactNode[];
}

/** Every row's scorecard side by side: rounds and outcomes, how long commitments held, breaches by party. */
export function ScorecardComparison({
  subject,
  rows,
  extraHeaders = [],
  km = false,
}: {
  subject: string;
  rows: ComparisonRow[];
  extraHeaders?: string[];
  km?: boolean;
}) {
  // Parties as columns, the most breaches first; "not named" last.
  const totals = new Map<string, { party: Scorecard["breachesByParty"][number]["party"]; breaches: number }>();
  for (const row of rows) {
    for (const p of row.card.breachesByParty) {
      const key = p.party?.slug ?? "";
      totals.set(key, { party: p.party, breaches: (totals.get(key)?.breaches ?? 0) + p.breaches });
    }
  }
  const parties = [...totals.entries()].sort(([a, x], [b, y]) => Number(a === "") - Number(b === "") || y.breaches - x.breaches || a.localeCompare(b));
  return (
    <>
      <div className="table-scroll">
        <table>
          <caption>Rounds and their outcomes</caption>
          <thead>
            <tr>
              <th scope="col">{subject}</th>
              <th scope="col" className="num">Rounds</th>
              {extraHeaders.map((h) => (
                <th key={h} scope="col" className="num">
                  {h}
                </th>
              ))}
              {ROUND_OUTCOMES.map((o) => (
                <th key={o} scope="col" className="num">
                  {enumLabel(o)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.key}>
                <th scope="row">{r.label}</th>
                <td className="num">{r.card.rounds}</td>
                {(r.extra ?? []).map((cell, i) => (
                  <td key={i} className="num">
                    {cell}
                  </td>
                ))}
                {ROUND_OUTCOMES.map((o) => (
                  <td key={o} className="num">
                    {r.card.outcomes[o]}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <div className="table-scroll">
        <table>
          <caption>Commitments obtained and how long they held</caption>
          <thead>
            <tr>
              <th scope="col">{subject}</th>
              <th scope="col" className="num">Obtained</th>
              <th scope="col" className="num">In effect</th>
              <th scope="col" className="num">Broken</th>
              <WithinHeaders />
              {km ? (
                <th scope="col" className="num">
                  Median days held,
                  <br />
                  Kaplan–Meier
                </th>
              ) : null}
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.key}>
                <th scope="row">{r.label}</th>
                <td className="num">{r.card.commitments}</td>
                <td className="num">{r.card.inEffect}</td>
                <td className="num">{r.card.broken}</td>
                <td className="num">
                  <Within w={r.card.brokenWithin7Days} />
                </td>
                <td className="num">
                  <Within w={r.card.brokenWithin30Days} />
                </td>
                <td className="num">
                  <MedianBroken card={r.card} />
                </td>
                {km ? (
                  <td className="num">
                    <KmCell km={r.km ?? null} />
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <ScorecardNote km={km} />

      <div className="table-scroll">
        <table>
          <caption>Breaches of the commitments obtained, by the party alleged responsible</caption>
          <thead>
            <tr>
              <th scope="col">{subject}</th>
              {parties.map(([key, p]) => (
                <th key={key} scope="col" className="num">
                  <PartyName party={p.party} />
                </th>
              ))}
              <th scope="col" className="num">All (corroborated)</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.key}>
                <th scope="row">{r.label}</th>
                {parties.map(([key]) => (
                  <td key={key} className="num">
                    {r.card.breachesByParty.find((p) => (p.party?.slug ?? "") === key)?.breaches ?? 0}
                  </td>
                ))}
                <td className="num">
                  {r.card.breaches} <span className="muted small">({r.card.breachesCorroborated})</span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

/** Each round of the process with what its commitments did; the current round marked, all rounds in the footer. */
export function ProcessComparison({
  record,
  current,
  processName,
}: {
  record: ProcessRecord & { roundsInAll: number };
  current: string;
  processName: string;
}) {
  const figures = (f: HeldFigures) => (
    <>
      <td className="num">{f.commitments}</td>
      <td className="num">{f.broken}</td>
      <td className="num">
        <Within w={f.brokenWithin7Days} />
      </td>
      <td className="num">
        <Within w={f.brokenWithin30Days} />
      </td>
      <td className="num">
        <MedianBroken card={f} />
      </td>
    </>
  );
  return (
    <>
      <div className="table-scroll">
        <table>
          <caption>The rounds of {processName} and what their commitments did</caption>
          <thead>
            <tr>
              <th scope="col">Round</th>
              <th scope="col">Outcome</th>
              <th scope="col" className="num">Commitments</th>
              <th scope="col" className="num">Broken</th>
              <WithinHeaders />
            </tr>
          </thead>
          <tbody>
            {record.rounds.map((r) => (
              <tr key={r.slug}>
                <th scope="row">
                  {r.slug === current ? <strong aria-current="page">{r.title}</strong> : <Link to={`/rounds/${r.slug}`}>{r.title}</Link>}
                  <div className="muted small">
                    {formatDate(r.startDate, r.startPrecision)}
                    {r.venueCity ? `, ${r.venueCity}` : ""}
                    {r.slug === current ? " — this round" : ""}
                  </div>
                </th>
                <td>
                  <OutcomeBadge outcome={r.outcome} />
                </td>
                {figures(r)}
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row" colSpan={2}>
                All {record.roundsInAll} rounds
              </th>
              {figures(record.allRounds)}
            </tr>
          </tfoot>
        </table>
      </div>
      <ScorecardNote />
    </>
  );
}
