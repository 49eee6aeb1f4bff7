// The parts of an actor's page that /actors/:slug and /mediators/:slug share, and the mediation
// record that leads the mediator page.
import type { ReactNode } from "react";
import { Link } from "~/components/link";
import { enumLabel, type ParticipantRole } from "@db/enums";
import type { ActorCommitment, ActorDetail, ActorRound } from "~/models/actors.server";
import { roundsLed } from "~/models/actors";
import type { BreachItem } from "~/models/breaches.server";
import { formatDate, formatDateRange } from "~/utils/dates";
import { AssessmentBadge, OutcomeBadge, StatusBadge } from "./badges";
import { formatClaimFigure } from "./claims";
import { ActorLinks, DaysHeld } from "./commitment";
import { Paragraphs } from "./record";

const regionNames = new Intl.DisplayNames(["en"], { type: "region" });

/** "Pakistan (PK)"; the bare code when the name is unknown. */
export function countryLabel(code: string | null): string {
  if (!code) return "—";
  const name = regionNames.of(code);
  return name && name !== code ? `${name} (${code})` : code;
}

export function formatShare(share: number | null): string {
  return share == null ? "—" : `${Math.round(share * 100)}%`;
}

export function ActorFacts({ actor }: { actor: ActorDetail }) {
  return (
    <>
      <dl className="facts">
        <dt>Kind</dt>
        <dd>{enumLabel(actor.kind)}</dd>
        <dt>Country</dt>
        <dd>{countryLabel(actor.countryCode)}</dd>
        {actor.shortName ? (
          <>
            <dt>Short name</dt>
            <dd>{actor.shortName}</dd>
          </>
        ) : null}
        {actor.aliases.length ? (
          <>
            <dt>Also known as</dt>
            <dd>{actor.aliases.join("; ")}</dd>
          </>
        ) : null}
      </dl>
      <Paragraphs text={actor.description} />
    </>
  );
}

function plural(n: number, noun: string, nouns = `${noun}s`) {
  return `${n.toLocaleString("en")} ${n === 1 ? noun : nouns}`;
}

/**
 * Says how much of `total` a truncated list shows; nothing when it shows everything. The page lists
 * the latest few of each kind of record, its counts are of all of them.
 */
export function LatestOf({ shown, total, what, children }: { shown: number; total: number; what: string; children?: ReactNode }) {
  if (shown >= total) return null;
  return (
    <p className="muted small">
      The latest {shown} of {total.toLocaleString("en")} {what} are listed.{children ? <> {children}</> : null}
    </p>
  );
}

const ROLE_HEADINGS: Record<ParticipantRole, string> = {
  mediator: "Mediated",
  host: "Hosted",
  party: "Attended as a party",
  observer: "Observed",
};

function RoundLine({ round }: { round: ActorRound }) {
  return (
    <>
      <Link to={`/rounds/${round.slug}`}>{round.title}</Link>, {formatDateRange(round.startDate, round.startPrecision, round.endDate, round.endPrecision)}
      {round.venue ? (
        <>
          , <Link to={`/venues/${round.venue.slug}`}>{round.venue.city}</Link>
        </>
      ) : null}{" "}
      <OutcomeBadge outcome={round.outcome} />
      {round.note ? <span className="muted"> ({round.note})</span> : null}
    </>
  );
}

/** Where the round list can show every round the actor held `role` in, when it has that filter. */
const ROUND_LIST_FILTER: Partial<Record<ParticipantRole, string>> = { mediator: "mediator", party: "party" };

/** The actor's rounds grouped by the role it held, limited to `roles`: the latest of each, and how many there are. */
export function ActorRounds({ actor, roles, heading = "Rounds" }: { actor: ActorDetail; roles: ParticipantRole[]; heading?: string }) {
  const groups = roles
    .map((role) => ({ role, rounds: actor.rounds.filter((r) => r.role === role), total: actor.roundCounts[role] }))
    .filter((g) => g.rounds.length);
  return (
    <section aria-labelledby="rounds-heading">
      <h2 id="rounds-heading">{heading}</h2>
      {groups.length === 0 ? (
        <p className="muted">No round is recorded.</p>
      ) : (
        groups.map((g) => (
          <div key={g.role}>
            <h3>
              {ROLE_HEADINGS[g.role]} ({plural(g.total, "round")})
            </h3>
            <LatestOf shown={g.rounds.length} total={g.total} what="rounds">
              {ROUND_LIST_FILTER[g.role] ? (
                <Link to={`/rounds?${ROUND_LIST_FILTER[g.role]}=${actor.slug}`}>All of them in the round list</Link>
              ) : null}
            </LatestOf>
            <ul>
              {g.rounds.map((r) => (
                <li key={r.slug}>
                  <RoundLine round={r} />
                </li>
              ))}
            </ul>
          </div>
        ))
      )}
    </section>
  );
}

export function CommitmentTable({ commitments, caption }: { commitments: ActorCommitment[]; caption: string }) {
  return (
    <>
      <div className="table-scroll">
        <table>
          <caption className="sr-only">{caption}</caption>
          <thead>
            <tr>
              <th scope="col">Commitment</th>
              <th scope="col">Round</th>
              <th scope="col">Took effect</th>
              <th scope="col">Status</th>
              <th scope="col" className="num">
                Days held
              </th>
            </tr>
          </thead>
          <tbody>
            {commitments.map((c) => (
              <tr key={c.id}>
                <th scope="row">
                  <Link to={`/commitments/${c.id}`}>{c.title}</Link>
                  <div className="muted small">{enumLabel(c.kind)}</div>
                </th>
                <td>{c.round ? <Link to={`/rounds/${c.round.slug}`}>{c.round.title}</Link> : <span className="muted">outside a round</span>}</td>
                <td>{formatDate(c.takesEffectOn, c.takesEffectPrecision)}</td>
                <td>
                  <StatusBadge status={c.status} />
                </td>
                <td className="num">
                  <DaysHeld days={c.daysHeld} broken={c.broken} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="muted small">“+” marks a commitment still running or ended without a breach: it held at least that long.</p>
    </>
  );
}

export function BoundCommitments({ actor }: { actor: ActorDetail }) {
  const { bound, boundBroken } = actor.commitmentCounts;
  return (
    <section aria-labelledby="bound-heading">
      <h2 id="bound-heading">Commitments binding {actor.name}</h2>
      {bound === 0 ? (
        <p className="muted">No commitment binds {actor.name}.</p>
      ) : (
        <>
          <p>
            {plural(bound, "commitment")}, {boundBroken.toLocaleString("en")} broken as of today.{" "}
            <Link to={`/commitments?party=${actor.slug}`}>All of them in the commitment list</Link>.
          </p>
          <LatestOf shown={actor.commitments.length} total={bound} what="commitments, by the date they took effect," />
          <CommitmentTable commitments={actor.commitments} caption={`Commitments binding ${actor.name}`} />
        </>
      )}
    </section>
  );
}

export function PerpetratedIncidents({ actor }: { actor: ActorDetail }) {
  const all = `/incidents?perpetrator=${actor.slug}`;
  return (
    <section aria-labelledby="incidents-heading">
      <h2 id="incidents-heading">Incidents attributed to {actor.name}</h2>
      {actor.incidentCount === 0 ? (
        <p className="muted">No incident names {actor.name} as the alleged perpetrator.</p>
      ) : (
        <>
          <p>
            {actor.incidentCount} incident{actor.incidentCount === 1 ? "" : "s"} name {actor.name} as the alleged perpetrator
            {actor.incidentCount > actor.incidents.length ? `; the latest ${actor.incidents.length} are listed` : ""}.{" "}
            <Link to={all}>All of them in the incident list</Link>.
          </p>
          <ul>
            {actor.incidents.map((i) => (
              <li key={i.id}>
                <time dateTime={i.occurredOn}>{formatDate(i.occurredOn, i.datePrecision)}</time>:{" "}
                <Link to={`/incidents/${i.id}`}>{i.title}</Link>{" "}
                <span className="muted">
                  ({enumLabel(i.kind)}, {[i.province, i.countryCode].filter(Boolean).join(", ")})
                </span>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

function BreachTable({ breaches, other, caption }: { breaches: BreachItem[]; other: "responsible" | "allegedBy"; caption: string }) {
  return (
    <div className="table-scroll">
      <table>
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Incident</th>
            <th scope="col">Commitment</th>
            <th scope="col">{other === "responsible" ? "Alleged responsible" : "Alleged by"}</th>
            <th scope="col">Assessment</th>
          </tr>
        </thead>
        <tbody>
          {breaches.map((b) => {
            const actor = b[other];
            return (
              <tr key={b.id}>
                <th scope="row">
                  <time dateTime={b.incident.occurredOn}>{formatDate(b.incident.occurredOn, b.incident.datePrecision)}</time>:{" "}
                  <Link to={`/incidents/${b.incident.id}`}>{b.incident.title}</Link>
                </th>
                <td>
                  <Link to={`/commitments/${b.commitment.id}`}>{b.commitment.title}</Link>
                </td>
                <td>{actor ? <ActorLinks actors={[actor]} /> : <span className="muted">not named</span>}</td>
                <td>
                  <AssessmentBadge assessment={b.assessment} />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

export function ActorBreaches({ actor }: { actor: ActorDetail }) {
  const groups = [
    { key: "responsible", heading: `Breaches ${actor.name} is alleged responsible for`, breaches: actor.breachesResponsible, other: "allegedBy" },
    { key: "alleged-by", heading: `Breaches alleged by ${actor.name}`, breaches: actor.breachesAlleged, other: "responsible" },
  ] as const;
  return (
    <section aria-labelledby="breaches-heading">
      <h2 id="breaches-heading">Breaches</h2>
      {groups.map((g) => {
        const total = actor.breachCounts[g.key === "responsible" ? "responsible" : "alleged"];
        return (
          <div key={g.key}>
            <h3>
              {g.heading} ({total.toLocaleString("en")})
            </h3>
            {g.breaches.length === 0 ? (
              <p className="muted">None recorded.</p>
            ) : (
              <>
                <LatestOf shown={g.breaches.length} total={total} what="breaches, by incident date,">
                  <a href={`/api/v1/breaches?${g.key}=${actor.slug}&format=csv`}>All of them as CSV</a>.
                </LatestOf>
                <BreachTable breaches={g.breaches} other={g.other} caption={g.heading} />
              </>
            )}
          </div>
        );
      })}
    </section>
  );
}

export function ActorClaims({ actor }: { actor: ActorDetail }) {
  return (
    <section aria-labelledby="claims-heading">
      <h2 id="claims-heading">Casualty claims made by {actor.name}</h2>
      {actor.claimCount === 0 ? (
        <p className="muted">{actor.name} has no recorded casualty claim.</p>
      ) : (
        <>
          <LatestOf shown={actor.claims.length} total={actor.claimCount} what="claims, by incident date," />
          <div className="table-scroll">
            <table>
              <caption className="sr-only">Casualty claims made by {actor.name}</caption>
              <thead>
                <tr>
                  <th scope="col">Incident</th>
                  <th scope="col">Casualties among</th>
                  <th scope="col" className="num">
                    Killed
                  </th>
                  <th scope="col" className="num">
                    Injured
                  </th>
                  <th scope="col">Source</th>
                </tr>
              </thead>
              <tbody>
                {actor.claims.map((c) => (
                  <tr key={c.id} className={c.rank === "deprecated" ? "rank-deprecated" : undefined}>
                    <th scope="row">
                      <time dateTime={c.incident.occurredOn}>{formatDate(c.incident.occurredOn, c.incident.datePrecision)}</time>:{" "}
                      <Link to={`/incidents/${c.incident.id}`}>{c.incident.title}</Link>
                      {c.rank !== "normal" ? <div className="muted small">{enumLabel(c.rank)}</div> : null}
                    </th>
                    <td>{enumLabel(c.category)}</td>
                    <td className="num">{formatClaimFigure(c.killedLow, c.killedHigh)}</td>
                    <td className="num">{formatClaimFigure(c.injuredLow, c.injuredHigh)}</td>
                    <td>
                      <Link to={`/sources/${c.source.id}`}>{c.source.title}</Link>, {c.source.publisher}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}

/**
 * The rounds the actor mediated or hosted and the commitments obtained there, the latest of each.
 * Their tallies are the scorecard's, shown above it on the mediator page.
 */
export function MediationRecord({ actor }: { actor: ActorDetail }) {
  const rounds = roundsLed(actor);
  const { obtained, obtainedBroken } = actor.commitmentCounts;
  return (
    <>
      <section aria-labelledby="led-heading">
        <h2 id="led-heading">Rounds mediated or hosted ({actor.roundCounts.led.toLocaleString("en")})</h2>
        <LatestOf shown={rounds.length} total={actor.roundCounts.led} what="rounds">
          <Link to={`/rounds?mediator=${actor.slug}`}>The rounds it mediated in the round list</Link>.
        </LatestOf>
        <div className="table-scroll">
          <table>
            <caption className="sr-only">Rounds {actor.name} mediated or hosted</caption>
            <thead>
              <tr>
                <th scope="col">Round</th>
                <th scope="col">Role</th>
                <th scope="col">Dates</th>
                <th scope="col">Venue</th>
                <th scope="col">Outcome</th>
              </tr>
            </thead>
            <tbody>
              {rounds.map((r) => (
                <tr key={r.slug}>
                  <th scope="row">
                    <Link to={`/rounds/${r.slug}`}>{r.title}</Link>
                  </th>
                  <td>{r.roles.map(enumLabel).join(", ")}</td>
                  <td>{formatDateRange(r.startDate, r.startPrecision, r.endDate, r.endPrecision)}</td>
                  <td>{r.venue ? <Link to={`/venues/${r.venue.slug}`}>{r.venue.city}</Link> : "—"}</td>
                  <td>
                    <OutcomeBadge outcome={r.outcome} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      <section aria-labelledby="obtained-heading">
        <h2 id="obtained-heading">Commitments obtained</h2>
        {obtained === 0 ? (
          <p className="muted">No commitment was made at these rounds.</p>
        ) : (
          <>
            <p>
              {plural(obtained, "commitment")}, {obtainedBroken.toLocaleString("en")} broken as of today.
            </p>
            <LatestOf shown={actor.commitmentsObtained.length} total={obtained} what="commitments, by the date they took effect," />
            <CommitmentTable commitments={actor.commitmentsObtained} caption={`Commitments obtained at rounds ${actor.name} mediated or hosted`} />
          </>
        )}
      </section>
    </>
  );
}
