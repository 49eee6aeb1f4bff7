import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Link } from "~/components/link";
import { CommitmentTable, LatestOf } from "~/components/actor";
import { OutcomeBadge } from "~/components/badges";
import { ActorLinks } from "~/components/commitment";
import { RecordActions } from "~/components/record-actions";
import { Breadcrumbs, Paragraphs } from "~/components/record";
import { ScorecardSummary } from "~/components/scorecard";
import { getDb } from "~/db.server";
import { venueFigures } from "~/models/cached.server";
import { kmMedianFor } from "~/models/scorecards.server";
import { getVenue } from "~/models/venues.server";
import { formatDateRange, todayUtc } from "~/utils/dates";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.venue.city} · Parley` : "Venue not found · Parley" },
  ...(data ? [{ name: "description", content: `Rounds held in ${data.venue.city} and what the commitments made there became.` }] : []),
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const db = await getDb();
  const asOf = todayUtc();
  const slug = params.slug ?? "";
  const [venue, { scorecard, km }] = await Promise.all([getVenue(db, { slug }, asOf), venueFigures(db, request, slug, asOf)]);
  if (!venue || !scorecard) throw new Response(`There is no venue called "${params.slug}".`, { status: 404 });
  return { venue, scorecard, kmMedian: kmMedianFor(scorecard.scorecard, km) };
}

/** 25.2854 -> "25.2854° N" */
function coordinate(value: number, positive: string, negative: string) {
  return `${Math.abs(value).toFixed(4)}° ${value >= 0 ? positive : negative}`;
}

export default function VenuePage() {
  const { venue, scorecard, kmMedian } = useLoaderData<typeof loader>();
  return (
    <article>
      <Breadcrumbs trail={[{ to: "/venues", label: "Venues" }, { label: venue.city }]} />
      <h1>{venue.city}</h1>
      <RecordActions type="venue" id={venue.id} editTo={`/venues/${venue.slug}/edit`} />
      <dl className="facts">
        <dt>Country</dt>
        <dd>
          {venue.country} ({venue.countryCode})
        </dd>
        <dt>Coordinates</dt>
        <dd>
          {coordinate(venue.latitude, "N", "S")}, {coordinate(venue.longitude, "E", "W")}
        </dd>
      </dl>
      {venue.description ? <Paragraphs text={venue.description} /> : null}

      <ScorecardSummary
        name={venue.city}
        card={scorecard.scorecard}
        roundsLabel="Rounds held"
        km={kmMedian}
        kmMissing="the survival analysis did not count the same commitments"
      />

      <section aria-labelledby="rounds-heading">
        <h2 id="rounds-heading">
          Rounds held in {venue.city} ({venue.roundCount.toLocaleString("en")})
        </h2>
        <LatestOf shown={venue.rounds.length} total={venue.roundCount} what="rounds" />
        {venue.rounds.length === 0 ? (
          <p className="muted">No round is recorded here.</p>
        ) : (
          <div className="table-scroll">
            <table>
              <caption className="sr-only">Rounds held in {venue.city}</caption>
              <thead>
                <tr>
                  <th scope="col">Round</th>
                  <th scope="col">Dates</th>
                  <th scope="col">Mediators</th>
                  <th scope="col">Hosts</th>
                  <th scope="col">Outcome</th>
                </tr>
              </thead>
              <tbody>
                {venue.rounds.map((r) => (
                  <tr key={r.slug}>
                    <th scope="row">
                      <Link to={`/rounds/${r.slug}`}>{r.title}</Link>
                    </th>
                    <td>{formatDateRange(r.startDate, r.startPrecision, r.endDate, r.endPrecision)}</td>
                    <td>
                      {r.mediators.length
                        ? r.mediators.map((m, i) => (
                            <span key={m.slug}>
                              {i > 0 ? ", " : ""}
                              <Link to={`/mediators/${m.slug}`}>{m.name}</Link>
                            </span>
                          ))
                        : "—"}
                    </td>
                    <td>
                      <ActorLinks actors={r.hosts} />
                    </td>
                    <td>
                      <OutcomeBadge outcome={r.outcome} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {venue.rounds.length ? (
          <p>
            <Link to={`/rounds?venue=${venue.slug}`}>These rounds in the round list</Link>, with filters and downloads.
          </p>
        ) : null}
      </section>

      <section aria-labelledby="commitments-heading">
        <h2 id="commitments-heading">Commitments obtained in {venue.city}</h2>
        {venue.commitmentCount === 0 ? (
          <p className="muted">No commitment was made at a round here.</p>
        ) : (
          <>
            <p>
              {venue.commitmentCount.toLocaleString("en")} commitment{venue.commitmentCount === 1 ? "" : "s"},{" "}
              {venue.commitmentsBroken.toLocaleString("en")} broken as of today.{" "}
              <Link to={`/commitments?venue=${venue.slug}`}>All of them in the commitment list</Link>.
            </p>
            <LatestOf shown={venue.commitments.length} total={venue.commitmentCount} what="commitments, by the date they took effect," />
            <CommitmentTable commitments={venue.commitments} caption={`Commitments obtained in ${venue.city}`} />
          </>
        )}
      </section>
    </article>
  );
}
