import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData, useRouteLoaderData } from "@remix-run/react";
import { Link } from "~/components/link";
import { enumLabel, type LocationPrecision } from "@db/enums";
import { AssessmentBadge, StatusBadge } from "~/components/badges";
import { ClaimSpread, ClaimsTable } from "~/components/claims";
import { EditorLink, RecordActions } from "~/components/record-actions";
import { Breadcrumbs, DateDisagreements, Paragraphs, SourceList } from "~/components/record";
import { getDb } from "~/db.server";
import { getIncident } from "~/models/incidents.server";
import type { loader as rootLoader } from "~/root";
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

/** Edit and Delete for one claim or breach, for signed-in editors (the actions check again). */
function ItemActions({ editTo, deleteTo, what }: { editTo: string; deleteTo: string; what: string }) {
  return (
    <span className="item-actions">
      <Link to={editTo}>
        Edit<span className="sr-only"> {what}</span>
      </Link>{" "}
      <Link to={deleteTo}>
        Delete<span className="sr-only"> {what}</span>
      </Link>
    </span>
  );
}

export default function IncidentPage() {
  const { incident } = useLoaderData<typeof loader>();
  const signedIn = Boolean(useRouteLoaderData<typeof rootLoader>("root")?.user);
  const i = incident;
  return (
    <article>
      <Breadcrumbs trail={[{ to: "/incidents", label: "Incidents" }, { label: i.title }]} />
      <h1>{i.title}</h1>
      <RecordActions type="incident" id={i.id} editTo={`/incidents/${i.id}/edit`} />
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
            <ClaimsTable
              claims={i.claims}
              caption={`Casualty claims about ${i.title}, side by side`}
              actions={
                signedIn
                  ? (c) => <ItemActions editTo={`/claims/${c.id}/edit`} deleteTo={`/delete/claim/${c.id}`} what={`claim by ${c.claimant.name}`} />
                  : undefined
              }
            />
          </>
        )}
        <EditorLink to={`/incidents/${i.id}/claims/new`}>Add a claim</EditorLink>
      </section>

      <section aria-labelledby="breaches-heading">
        <h2 id="breaches-heading">Commitments it is said to have broken</h2>
        {i.breaches.length === 0 ? (
          <p className="muted">No breach of a commitment is recorded for this incident.</p>
        ) : (
          <ol className="timeline">
            {i.breaches.map((b) => (
              <li key={b.id} id={`breach-${b.id}`}>
                <h3>
                  <Link to={`/commitments/${b.commitment.id}`}>{b.commitment.title}</Link>
                </h3>
                {signedIn ? (
                  <ItemActions editTo={`/breaches/${b.id}/edit?from=incident`} deleteTo={`/delete/breach/${b.id}`} what={`breach of ${b.commitment.title}`} />
                ) : null}
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
                  <dd>
                    <Paragraphs text={b.reasoning} />
                  </dd>
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
        <EditorLink to={`/incidents/${i.id}/breaches/new`}>Link to a commitment it broke</EditorLink>
      </section>

      <SourceList sources={i.sources} />
    </article>
  );
}
