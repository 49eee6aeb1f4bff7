import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Link } from "~/components/link";
import { enumLabel } from "@db/enums";
import { StatusBadge } from "~/components/badges";
import { ActorLinks, BreachTimeline, MoreBreaches, StatusRule } from "~/components/commitment";
import { EditorLink, RecordActions } from "~/components/record-actions";
import { Breadcrumbs, DateDisagreements, Paragraphs, SourceList } from "~/components/record";
import { getDb } from "~/db.server";
import { getCommitment } from "~/models/commitments.server";
import { idOrSlug } from "~/models/shared.server";
import { formatDate, todayUtc } from "~/utils/dates";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.commitment.title} · Parley` : "Commitment not found · Parley" },
  ...(data ? [{ name: "description", content: data.commitment.statusReason }] : []),
];

export async function loader({ params }: LoaderFunctionArgs) {
  const ref = idOrSlug(params.id ?? "");
  const commitment = "id" in ref ? await getCommitment(await getDb(), ref.id, todayUtc()) : null;
  if (!commitment) throw new Response(`There is no commitment number "${params.id}".`, { status: 404 });
  return { commitment };
}

export default function CommitmentPage() {
  const { commitment: c } = useLoaderData<typeof loader>();
  return (
    <article>
      <Breadcrumbs trail={[{ to: "/commitments", label: "Commitments" }, { label: c.title }]} />
      <h1>{c.title}</h1>
      <RecordActions type="commitment" id={c.id} editTo={`/commitments/${c.id}/edit`} />
      <p className="status-line">
        {/* The sentence names the status itself; the badge is for the eye. */}
        <span aria-hidden="true">
          <StatusBadge status={c.status} />
        </span>{" "}
        {c.statusReason}
      </p>
      <blockquote className="wording">
        <Paragraphs text={c.wording} />
      </blockquote>
      <dl className="facts">
        <dt>Kind</dt>
        <dd>{enumLabel(c.kind)}</dd>
        <dt>Round</dt>
        <dd>
          {c.round ? (
            <>
              <Link to={`/rounds/${c.round.slug}`}>{c.round.title}</Link> ({formatDate(c.round.startDate, c.round.startPrecision)})
              {c.round.venue ? (
                <>
                  , <Link to={`/venues/${c.round.venue.slug}`}>{c.round.venue.city}</Link>
                </>
              ) : null}
              {c.round.mediators.length ? (
                <>
                  ; mediated by{" "}
                  {c.round.mediators.map((m, i) => (
                    <span key={m.slug}>
                      {i > 0 ? ", " : ""}
                      <Link to={`/mediators/${m.slug}`}>{m.name}</Link>
                    </span>
                  ))}
                </>
              ) : null}
            </>
          ) : (
            "Announced outside a round"
          )}
        </dd>
        <dt>Process</dt>
        <dd>
          <Link to={`/commitments?process=${c.process.slug}`}>{c.process.name}</Link>
        </dd>
        <dt>Bound actors</dt>
        <dd>
          <ActorLinks actors={c.boundActors} />
        </dd>
        <dt>Announced</dt>
        <dd>{formatDate(c.announcedOn)}</dd>
        <dt>Takes effect</dt>
        <dd>{formatDate(c.takesEffectOn, c.takesEffectPrecision)}</dd>
        <dt>Expires</dt>
        <dd>{c.expiresOn ? formatDate(c.expiresOn) : "no expiry"}</dd>
        <dt>Fulfilled</dt>
        <dd>{formatDate(c.fulfilledOn)}</dd>
        <dt>Days held</dt>
        <dd>
          {c.daysHeld == null
            ? "—"
            : c.broken
              ? `${c.daysHeld} days, to its first corroborated breach`
              : `at least ${c.daysHeld} days: no corroborated breach has ended it`}
        </dd>
      </dl>
      {c.notes ? <Paragraphs text={c.notes} /> : null}

      {c.relations.length || c.relatedBy.length ? (
        <section aria-labelledby="relations-heading">
          <h2 id="relations-heading">Related commitments</h2>
          <ul>
            {c.relations.map((r) => (
              <li key={`out-${r.relation}-${r.id}`}>
                This commitment {r.relation} <Link to={`/commitments/${r.id}`}>{r.title}</Link> (took effect{" "}
                {formatDate(r.takesEffectOn, r.takesEffectPrecision)}).
              </li>
            ))}
            {c.relatedBy.map((r) => (
              <li key={`in-${r.relation}-${r.id}`}>
                <Link to={`/commitments/${r.id}`}>{r.title}</Link> (took effect {formatDate(r.takesEffectOn, r.takesEffectPrecision)}){" "}
                {r.relation} this commitment.
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <section aria-labelledby="breaches-heading">
        <h2 id="breaches-heading">Breaches</h2>
        <EditorLink to={`/commitments/${c.id}/breaches/new`}>Link an incident that broke it</EditorLink>
        {c.breaches.length === 0 ? (
          <p className="muted">No breach of this commitment is recorded.</p>
        ) : (
          <>
            <p>
              {c.breachTotal} breach{c.breachTotal === 1 ? "" : "es"} recorded, {c.breachCount} counted by the status rule
              {c.breachTotal > c.breaches.length ? `; the first ${c.breaches.length} are shown` : ""}, in the order the incidents happened.
            </p>
            <BreachTimeline breaches={c.breaches} />
            {c.breachTotal > c.breaches.length ? <MoreBreaches id={c.id} total={c.breachTotal} shown={c.breaches.length} /> : null}
          </>
        )}
        <StatusRule />
      </section>

      <DateDisagreements assertions={c.alternativeDates} />
      <SourceList sources={c.sources} />
    </article>
  );
}
