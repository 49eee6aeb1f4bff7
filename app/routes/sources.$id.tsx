import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Link } from "~/components/link";
import type { ReactNode } from "react";
import { enumLabel } from "@db/enums";
import { AssessmentBadge } from "~/components/badges";
import { formatClaimFigure } from "~/components/claims";
import { RecordActions } from "~/components/record-actions";
import { Breadcrumbs, Paragraphs } from "~/components/record";
import { getDb } from "~/db.server";
import { getSource, sourceIdParam, type SourceDetail } from "~/models/sources.server";
import { formatDate } from "~/utils/dates";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.source.title} · Parley` : "Source not found · Parley" },
  ...(data ? [{ name: "description", content: `${data.source.title}, ${data.source.publisher}: what cites it in Parley.` }] : []),
];

export async function loader({ params }: LoaderFunctionArgs) {
  const id = sourceIdParam(params.id);
  const source = id === null ? null : await getSource(await getDb(), id);
  if (!source) throw new Response(`There is no source number "${params.id}".`, { status: 404 });
  return { source };
}

const FIELD_LABELS: Record<string, string> = {
  occurredOn: "date of the incident",
  startDate: "start date",
  endDate: "end date",
  takesEffectOn: "date it took effect",
  expiresOn: "expiry",
};

function Locator({ locator }: { locator: string | null }) {
  return locator ? <span className="muted"> ({locator})</span> : null;
}

function CitedGroup({ id, heading, count, children }: { id: string; heading: string; count: number; children: ReactNode }) {
  if (!count) return null;
  return (
    <section aria-labelledby={id}>
      <h3 id={id}>
        {heading} ({count})
      </h3>
      {children}
    </section>
  );
}

function recordLink(record: SourceDetail["dateAssertions"][number]["record"]) {
  return record.type === "round" ? `/rounds/${record.slug}` : `/${record.type}s/${record.id}`;
}

export default function SourcePage() {
  const { source: s } = useLoaderData<typeof loader>();
  const total =
    s.rounds.length + s.commitments.length + s.incidents.length + s.breaches.length + s.actors.length + s.processes.length + s.claims.length + s.dateAssertions.length;
  return (
    <article>
      <Breadcrumbs trail={[{ to: "/sources", label: "Sources" }, { label: s.title }]} />
      <h1>{s.title}</h1>
      <RecordActions type="source" id={s.id} editTo={`/sources/${s.id}/edit`} />
      <dl className="facts">
        <dt>Publisher</dt>
        <dd>
          <Link to={`/sources?publisher=${encodeURIComponent(s.publisher)}`}>{s.publisher}</Link>
        </dd>
        <dt>Author</dt>
        <dd>{s.author ?? "—"}</dd>
        <dt>Published</dt>
        <dd>{s.publishedOn ? formatDate(s.publishedOn, s.datePrecision) : "undated"}</dd>
        <dt>Kind</dt>
        <dd>{enumLabel(s.kind)}</dd>
        <dt>Original</dt>
        <dd>
          {s.url ? (
            <a href={s.url} rel="noopener noreferrer">
              {s.url}
            </a>
          ) : (
            "no link recorded"
          )}
        </dd>
      </dl>
      {s.notes ? <Paragraphs text={s.notes} /> : null}

      <section aria-labelledby="cited-heading">
        <h2 id="cited-heading">What cites this source</h2>
        {total === 0 ? <p className="muted">No record cites this source.</p> : null}
        <CitedGroup id="cited-rounds" heading="Rounds" count={s.rounds.length}>
          <ul>
            {s.rounds.map((r) => (
              <li key={r.slug}>
                <Link to={`/rounds/${r.slug}`}>{r.title}</Link>, {formatDate(r.startDate, r.startPrecision)}
                <Locator locator={r.locator} />
              </li>
            ))}
          </ul>
        </CitedGroup>
        <CitedGroup id="cited-commitments" heading="Commitments" count={s.commitments.length}>
          <ul>
            {s.commitments.map((c) => (
              <li key={c.id}>
                <Link to={`/commitments/${c.id}`}>{c.title}</Link>, took effect {formatDate(c.date, c.datePrecision)}
                <Locator locator={c.locator} />
              </li>
            ))}
          </ul>
        </CitedGroup>
        <CitedGroup id="cited-incidents" heading="Incidents" count={s.incidents.length}>
          <ul>
            {s.incidents.map((i) => (
              <li key={i.id}>
                <Link to={`/incidents/${i.id}`}>{i.title}</Link>, {formatDate(i.date, i.datePrecision)}
                <Locator locator={i.locator} />
              </li>
            ))}
          </ul>
        </CitedGroup>
        <CitedGroup id="cited-breaches" heading="Breaches" count={s.breaches.length}>
          <ul>
            {s.breaches.map((b) => (
              <li key={b.id}>
                <Link to={`/incidents/${b.incident.id}`}>{b.incident.title}</Link> as a breach of{" "}
                <Link to={`/commitments/${b.commitment.id}`}>{b.commitment.title}</Link>{" "}
                <AssessmentBadge assessment={b.assessment} />
                <Locator locator={b.locator} />
              </li>
            ))}
          </ul>
        </CitedGroup>
        <CitedGroup id="cited-claims" heading="Casualty claims" count={s.claims.length}>
          <ul>
            {s.claims.map((c) => (
              <li key={c.id} className={c.rank === "deprecated" ? "rank-deprecated" : undefined}>
                <Link to={`/actors/${c.claimant.slug}`}>{c.claimant.name}</Link> on{" "}
                <Link to={`/incidents/${c.incident.id}`}>{c.incident.title}</Link> ({formatDate(c.incident.occurredOn, c.incident.datePrecision)}):{" "}
                {formatClaimFigure(c.killedLow, c.killedHigh)} killed, {formatClaimFigure(c.injuredLow, c.injuredHigh)} injured,{" "}
                {enumLabel(c.category).toLowerCase()}
                {c.rank !== "normal" ? ` — ${enumLabel(c.rank).toLowerCase()}` : ""}
                <Locator locator={c.locator} />
              </li>
            ))}
          </ul>
        </CitedGroup>
        <CitedGroup id="cited-dates" heading="Dates it gives where sources disagree" count={s.dateAssertions.length}>
          <ul>
            {s.dateAssertions.map((d, n) => (
              <li key={n}>
                <strong>{formatDate(d.value, d.precision)}</strong> as the {FIELD_LABELS[d.field] ?? d.field} of{" "}
                <Link to={recordLink(d.record)}>{d.record.title}</Link>: {d.note}
              </li>
            ))}
          </ul>
        </CitedGroup>
        <CitedGroup id="cited-actors" heading="Actors" count={s.actors.length}>
          <ul>
            {s.actors.map((a) => (
              <li key={a.slug}>
                <Link to={`/actors/${a.slug}`}>{a.name}</Link>
                <Locator locator={a.locator} />
              </li>
            ))}
          </ul>
        </CitedGroup>
        <CitedGroup id="cited-processes" heading="Processes" count={s.processes.length}>
          <ul>
            {s.processes.map((p) => (
              <li key={p.slug}>
                <Link to={`/rounds?process=${p.slug}`}>{p.name}</Link>
                <Locator locator={p.locator} />
              </li>
            ))}
          </ul>
        </CitedGroup>
      </section>
    </article>
  );
}
