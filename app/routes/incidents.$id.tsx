import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { enumLabel, type LocationPrecision } from "@db/enums";
import { AssessmentBadge, StatusBadge } from "~/components/badges";
import { ClaimSpread, ClaimsTable } from "~/components/claims";
import { Breadcrumbs, DateDisagreements, Paragraphs, SourceList } from "~/components/record";
import { getDb } from "~/db.server";
import { getIncident } from "~/models/incidents.server";
import { formatDate, formatDateRange, todayUtc } from "~/utils/dates";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.incident.title} · Parley` : "Incident not found · Parley" },
  ...(data ? [{ name: "description", content: data.incident.summary.slice(0, 160) }] : []),
];

export async function loader({ params }: LoaderFunctionArgs) {
  const id = params.id ?? "";
  const incident = /^\d{1,9}$/.test(id) ? await getIncident(await getDb(), Number(id), todayUtc()) : null;
  if (!incident) throw new Response(`There is no incident number "${id}".`, { status: 404 });
  return { incident };
}

const COORDINATE_PRECISION: Record<LocationPrecision, string> = {
  exact: "exact location",
  district: "district centroid",
  province: "province centroid",
  country: "country centroid",
};

/** At most four decimals (about 10 m), never padded: 33.4 stays 33.4, not a falsely precise 33.4000. */
function coordinate(value: number) {
  return String(Number(value.toFixed(4)));
}

export default function IncidentPage() {
  const { incident } = useLoaderData<typeof loader>();
  const i = incident;
  return (
    <article>
      <Breadcrumbs trail={[{ to: "/incidents", label: "Incidents" }, { label: i.title }]} />
      <h1>{i.title}</h1>
      <dl className="facts">
        <dt>Date</dt>
        <dd>{formatDateRange(i.occurredOn, i.datePrecision, i.endedOn, i.datePrecision)}</dd>
        <dt>Kind</dt>
        <dd>
          <Link to={`/incidents?kind=${i.kind}`}>{enumLabel(i.kind)}</Link>
        </dd>
        <dt>Place</dt>
        <dd>
          {[i.placeName, i.district].filter(Boolean).join(", ")}
          {i.placeName || i.district ? ", " : ""}
          {i.province ? (
            <>
              <Link to={`/incidents?${new URLSearchParams({ province: i.province })}`}>{i.province}</Link>,{" "}
            </>
          ) : null}
          <Link to={`/incidents?country=${i.countryCode}`}>{i.countryName}</Link>
        </dd>
        <dt>Coordinates</dt>
        <dd>
          {i.latitude != null && i.longitude != null
            ? `${coordinate(i.latitude)}, ${coordinate(i.longitude)} (${COORDINATE_PRECISION[i.locationPrecision]})`
            : `Not recorded (place known to the ${i.locationPrecision === "exact" ? "exact spot" : i.locationPrecision})`}
        </dd>
        <dt>Alleged perpetrator</dt>
        <dd>{i.perpetrator ? <Link to={`/actors/${i.perpetrator.slug}`}>{i.perpetrator.name}</Link> : "Not attributed"}</dd>
      </dl>
      <Paragraphs text={i.summary} />
      <DateDisagreements assertions={i.alternativeDates} />

      <section aria-labelledby="claims-heading">
        <h2 id="claims-heading">Casualty claims</h2>
        {i.claims.length === 0 ? (
          <p className="muted">No casualty claim is recorded for this incident.</p>
        ) : (
          <>
            <ClaimSpread claims={i.claims} />
            <ClaimsTable claims={i.claims} caption={`Casualty claims about ${i.title}, side by side`} />
          </>
        )}
      </section>

      <section aria-labelledby="breaches-heading">
        <h2 id="breaches-heading">Commitments it is said to have broken</h2>
        {i.breaches.length === 0 ? (
          <p className="muted">No breach of a commitment is recorded for this incident.</p>
        ) : (
          <ol className="timeline">
            {i.breaches.map((b) => (
              <li key={b.id}>
                <h3>
                  <Link to={`/commitments/${b.commitment.id}`}>{b.commitment.title}</Link>
                </h3>
                <p>
                  {enumLabel(b.commitment.kind)} · commitment status <StatusBadge status={b.commitment.status} /> · this
                  breach <AssessmentBadge assessment={b.assessment} />
                </p>
                <dl className="facts">
                  <dt>Responsible</dt>
                  <dd>{b.responsible ? <Link to={`/actors/${b.responsible.slug}`}>{b.responsible.name}</Link> : "Not named"}</dd>
                  <dt>Alleged by</dt>
                  <dd>{b.allegedBy ? <Link to={`/actors/${b.allegedBy.slug}`}>{b.allegedBy.name}</Link> : "Not named"}</dd>
                  <dt>Reasoning</dt>
                  <dd>{b.reasoning}</dd>
                  <dt>Sources</dt>
                  <dd>
                    {b.sources.length
                      ? b.sources.map((s, n) => (
                          <span key={`${s.sourceId}-${n}`}>
                            {n > 0 ? "; " : ""}
                            <Link to={`/sources/${s.sourceId}`}>{s.title}</Link>, {s.publisher}
                            {s.publishedOn ? `, ${formatDate(s.publishedOn, s.datePrecision)}` : ""}
                            {s.locator ? `, ${s.locator}` : ""}
                          </span>
                        ))
                      : "None cited"}
                  </dd>
                </dl>
              </li>
            ))}
          </ol>
        )}
      </section>

      <SourceList sources={i.sources} />
    </article>
  );
}
