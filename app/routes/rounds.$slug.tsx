import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Link } from "~/components/link";
import { enumLabel } from "@db/enums";
import { AssessmentBadge, OutcomeBadge, StatusBadge } from "~/components/badges";
import { RecordActions } from "~/components/record-actions";
import { Breadcrumbs, DateDisagreements, Paragraphs, SourceList } from "~/components/record";
import { ProcessComparison } from "~/components/scorecard";
import { getDb } from "~/db.server";
import { getRound } from "~/models/rounds.server";
import { processRoundRecords, roundsAround } from "~/models/scorecards.server";
import { formatDate, formatDateRange, todayUtc } from "~/utils/dates";

const ROLE_HEADINGS = { mediator: "Mediators", host: "Hosts", party: "Parties", observer: "Observers" } as const;

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.round.title} · Parley` : "Round not found · Parley" },
  ...(data ? [{ name: "description", content: data.round.summary.slice(0, 160) }] : []),
];

/** The comparison lists this many rounds of the process before and after this one. */
const ROUNDS_AROUND = 5;

export async function loader({ params }: LoaderFunctionArgs) {
  const db = await getDb();
  const asOf = todayUtc();
  const slug = params.slug ?? "";
  const [round, processRecord] = await Promise.all([getRound(db, { slug }, asOf), processRoundRecords(db, slug, asOf)]);
  if (!round) throw new Response(`There is no round called "${params.slug}".`, { status: 404 });
  return { round, processRecord: roundsAround(processRecord, slug, ROUNDS_AROUND), asOf };
}

export default function RoundPage() {
  const { round, processRecord, asOf } = useLoaderData<typeof loader>();
  const byRole = (role: string) => round.participants.filter((p) => p.role === role);
  const broken = round.commitments.filter((c) => c.status === "broken").length;
  return (
    <article>
      <Breadcrumbs trail={[{ to: "/rounds", label: "Rounds" }, { label: round.title }]} />
      <h1>{round.title}</h1>
      <RecordActions type="round" id={round.id} editTo={`/rounds/${round.slug}/edit`} />
      <dl className="facts">
        <dt>Dates</dt>
        <dd>{formatDateRange(round.startDate, round.startPrecision, round.endDate, round.endPrecision)}</dd>
        <dt>Venue</dt>
        <dd>{round.venue ? <Link to={`/venues/${round.venue.slug}`}>{round.venue.city}, {round.venue.country}</Link> : "—"}</dd>
        <dt>Process</dt>
        <dd>
          <Link to={`/rounds?process=${round.process.slug}`}>{round.process.name}</Link>
        </dd>
        <dt>Format</dt>
        <dd>{enumLabel(round.format)}</dd>
        <dt>Outcome</dt>
        <dd>
          <OutcomeBadge outcome={round.outcome} />
        </dd>
        {(["mediator", "host", "party", "observer"] as const).map((role) =>
          byRole(role).length ? (
            <div key={role} style={{ display: "contents" }}>
              <dt>{ROLE_HEADINGS[role]}</dt>
              <dd>
                {byRole(role).map((p, i) => (
                  <span key={p.slug}>
                    {i > 0 ? ", " : ""}
                    <Link to={role === "mediator" ? `/mediators/${p.slug}` : `/actors/${p.slug}`}>{p.name}</Link>
                    {p.note ? <span className="muted"> ({p.note})</span> : null}
                  </span>
                ))}
              </dd>
            </div>
          ) : null,
        )}
      </dl>
      <Paragraphs text={round.summary} />
      <DateDisagreements assertions={round.alternativeDates} />

      <section aria-labelledby="commitments-heading">
        <h2 id="commitments-heading">Commitments made at this round</h2>
        <p className="muted small">Statuses as of {formatDate(asOf)}, derived from the recorded breaches and dates.</p>
        {round.commitments.length === 0 ? (
          <p className="muted">No commitment is recorded for this round.</p>
        ) : (
          <>
            <p>
              {round.commitments.length} commitment{round.commitments.length === 1 ? "" : "s"}, {broken} broken.
            </p>
            <div className="table-scroll">
              <table>
                <thead>
                  <tr>
                    <th scope="col">Commitment</th>
                    <th scope="col">Took effect</th>
                    <th scope="col">Status</th>
                    <th scope="col" className="num">Days held</th>
                    <th scope="col">Broken by</th>
                  </tr>
                </thead>
                <tbody>
                  {round.commitments.map((c) => (
                    <tr key={c.id}>
                      <th scope="row">
                        <Link to={`/commitments/${c.id}`}>{c.title}</Link>
                        <div className="muted small">{enumLabel(c.kind)}</div>
                      </th>
                      <td>{formatDate(c.takesEffectOn, c.takesEffectPrecision)}</td>
                      <td>
                        <StatusBadge status={c.status} />
                      </td>
                      <td className="num">{c.daysHeld ?? "—"}{c.daysHeld != null && !c.broken ? "+" : ""}</td>
                      <td>
                        {c.brokenBy.length
                          ? c.brokenBy.map((b) => (
                              <div key={b.incidentId}>
                                <Link to={`/incidents/${b.incidentId}`}>{b.title}</Link> ({formatDate(b.occurredOn)}){" "}
                                <AssessmentBadge assessment={b.assessment as never} />
                              </div>
                            ))
                          : "—"}
                        {c.brokenByTotal > c.brokenBy.length ? (
                          <div>
                            <Link to={`/commitments/${c.id}`}>and {c.brokenByTotal - c.brokenBy.length} more</Link>
                          </div>
                        ) : null}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <p className="muted small">“+” marks a commitment still running or ended without a breach: it held at least that long.</p>
          </>
        )}
      </section>

      {processRecord.roundsInAll > 1 ? (
        <section aria-labelledby="process-heading">
          <h2 id="process-heading">Compared with the other rounds of {round.process.name}</h2>
          {processRecord.rounds.length < processRecord.roundsInAll ? (
            <p className="muted small">
              The {processRecord.rounds.length} rounds nearest this one, of {processRecord.roundsInAll};{" "}
              <Link to={`/rounds?process=${encodeURIComponent(round.process.slug)}`}>all the rounds of the process</Link> are listed with
              the rounds. The last line counts all {processRecord.roundsInAll}.
            </p>
          ) : null}
          <ProcessComparison record={processRecord} current={round.slug} processName={round.process.name} />
        </section>
      ) : null}

      <SourceList sources={round.sources} />
    </article>
  );
}
