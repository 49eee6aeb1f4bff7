// Pieces of the commitment pages: bound actors, days held, the status rule in plain words, and
// the breaches timeline.
import { Link } from "~/components/link";
import { enumLabel } from "@db/enums";
import type { BreachItem } from "~/models/breaches.server";
import { AssessmentBadge } from "./badges";
import { formatDate } from "~/utils/dates";

export function ActorLinks({ actors }: { actors: { slug: string; name: string }[] }) {
  if (!actors.length) return <>—</>;
  return (
    <>
      {actors.map((a, i) => (
        <span key={a.slug}>
          {i > 0 ? ", " : ""}
          <Link to={`/actors/${a.slug}`}>{a.name}</Link>
        </span>
      ))}
    </>
  );
}

/** Days held; "+" when the count is censored (still running, or ended without a breach). */
export function DaysHeld({ days, broken }: { days: number | null; broken: boolean }) {
  if (days == null) return <>—</>;
  return (
    <>
      {days}
      {broken ? "" : <abbr title="at least: not ended by a breach">+</abbr>}
    </>
  );
}

/** The rule of app/models/commitment-status.server.ts, for readers. Keep the two in step. */
export function StatusRule() {
  return (
    <details className="status-rule">
      <summary>How status is decided</summary>
      <div className="prose">
        <p>
          Parley derives a commitment’s status from its dates and its breaches, as of today. It counts only breaches whose incident happened
          while the commitment was in force: on or after the day it took effect, and no later than today, its expiry, or the day a later
          commitment superseded it. Breaches assessed as rejected, and deleted records, are not counted. Then the first rule that applies
          decides:
        </p>
        <ol>
          <li>It takes effect after today: <strong>not yet in effect</strong>.</li>
          <li>At least one counted breach is corroborated: <strong>broken</strong>.</li>
          <li>At least one counted breach is alleged or disputed: <strong>disputed</strong>.</li>
          <li>A later commitment that supersedes it has taken effect: <strong>superseded</strong>.</li>
          <li>It was fulfilled: <strong>fulfilled</strong>.</li>
          <li>It expired: <strong>lapsed</strong>.</li>
          <li>Otherwise: <strong>holding</strong>.</li>
        </ol>
        <p>
          Days held run from the day it took effect to its first corroborated breach. When there is none, they run to the earliest of today,
          its expiry, its supersession and its fulfilment, and are marked “+”: it held at least that long.
        </p>
      </div>
    </details>
  );
}

const regionNames = new Intl.DisplayNames(["en"], { type: "region" });

function place(i: BreachItem["incident"]) {
  return [i.placeName, i.district, i.province, regionNames.of(i.countryCode)].filter(Boolean).join(", ");
}

export function BreachTimeline({ breaches }: { breaches: BreachItem[] }) {
  return (
    <ol className="timeline">
      {breaches.map((b) => (
        <li key={b.id} id={`breach-${b.id}`}>
          <h3>
            <time dateTime={b.incident.occurredOn}>{formatDate(b.incident.occurredOn, b.incident.datePrecision)}</time>:{" "}
            <Link to={`/incidents/${b.incident.id}`}>{b.incident.title}</Link> <AssessmentBadge assessment={b.assessment} />
          </h3>
          <p className="muted small">
            {enumLabel(b.incident.kind)}, {place(b.incident)}
          </p>
          <dl className="facts">
            <dt>Responsible</dt>
            <dd>{b.responsible ? <Link to={`/actors/${b.responsible.slug}`}>{b.responsible.name}</Link> : "not named"}</dd>
            <dt>Alleged by</dt>
            <dd>{b.allegedBy ? <Link to={`/actors/${b.allegedBy.slug}`}>{b.allegedBy.name}</Link> : "not named"}</dd>
            <dt>Reasoning</dt>
            <dd>{b.reasoning}</dd>
            <dt>Sources</dt>
            <dd>
              {b.sources.length ? (
                <ul>
                  {b.sources.map((s, i) => (
                    <li key={`${s.sourceId}-${i}`}>
                      <Link to={`/sources/${s.sourceId}`}>{s.title}</Link>, {s.publisher}
                      {s.publishedOn ? `, ${formatDate(s.publishedOn, s.datePrecision)}` : ""}
                      {s.locator ? `, ${s.locator}` : ""}
                    </li>
                  ))}
                </ul>
              ) : (
                "none cited"
              )}
            </dd>
          </dl>
        </li>
      ))}
    </ol>
  );
}

/** Where the breaches a commitment's page leaves out are listed: its incidents, and every breach as data. */
export function MoreBreaches({ id, total, shown }: { id: number; total: number; shown: number }) {
  const all = `/api/v1/breaches?commitment=${id}&sort=date-asc`;
  return (
    <p className="more">
      {total - shown} later breach{total - shown === 1 ? " is" : "es are"} not shown here.{" "}
      <Link to={`/incidents?commitment=${id}`}>The {total} incidents linked to it as breaches</Link>, or every breach as{" "}
      <a href={all}>JSON</a> or <a href={`${all}&format=csv`}>CSV</a>.
    </p>
  );
}
