import { redirect, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Link } from "~/components/link";
import {
  ActorBreaches,
  ActorClaims,
  ActorFacts,
  ActorRounds,
  BoundCommitments,
  MediationRecord,
  PerpetratedIncidents,
} from "~/components/actor";
import { RecordActions } from "~/components/record-actions";
import { Breadcrumbs, SourceList } from "~/components/record";
import { ScorecardSummary } from "~/components/scorecard";
import { getDb } from "~/db.server";
import { getActor, hasMediated } from "~/models/actors.server";
import { mediatorFigures } from "~/models/cached.server";
import { kmMedianFor } from "~/models/scorecards.server";
import { todayUtc } from "~/utils/dates";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.actor.name} as mediator · Parley` : "Mediator not found · Parley" },
  ...(data ? [{ name: "description", content: `What the rounds ${data.actor.name} mediated or hosted produced, and what held.` }] : []),
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const db = await getDb();
  const asOf = todayUtc();
  const slug = params.slug ?? "";
  const [actor, { scorecard, km }] = await Promise.all([getActor(db, { slug }, asOf), mediatorFigures(db, request, slug, asOf)]);
  if (!actor) throw new Response(`There is no actor called "${params.slug}".`, { status: 404 });
  // An actor that never mediated or hosted has no mediator record: its own page is the right one.
  if (!hasMediated(actor) || !scorecard) throw redirect(`/actors/${actor.slug}`, 302);
  return { actor, scorecard, kmMedian: kmMedianFor(scorecard.scorecard, km) };
}

export default function MediatorPage() {
  const { actor, scorecard, kmMedian } = useLoaderData<typeof loader>();
  const otherRoles = actor.roundCounts.party + actor.roundCounts.observer > 0;
  return (
    <article>
      <Breadcrumbs trail={[{ to: "/mediators", label: "Mediators" }, { label: actor.name }]} />
      <h1>{actor.name}</h1>
      <RecordActions type="actor" id={actor.id} editTo={`/actors/${actor.slug}/edit`} />
      <p className="lede">
        As a mediator. The same actor’s general page is <Link to={`/actors/${actor.slug}`}>{actor.name}</Link>.
      </p>
      <ActorFacts actor={actor} />
      <ScorecardSummary
        name={actor.name}
        card={scorecard.scorecard}
        roundsLabel={`Rounds mediated (${scorecard.roundsMediated}) or hosted (${scorecard.roundsHosted}), each counted once`}
        km={kmMedian}
        kmMissing={
          scorecard.roundsMediated === 0
            ? "the survival analysis follows mediators, and this actor only hosted"
            : "the survival analysis follows the rounds an actor mediated, and leaves out a round this actor only hosted"
        }
      />
      <MediationRecord actor={actor} />
      {otherRoles ? <ActorRounds actor={actor} roles={["party", "observer"]} heading="Other rounds" /> : null}
      <BoundCommitments actor={actor} />
      <PerpetratedIncidents actor={actor} />
      <ActorBreaches actor={actor} />
      <ActorClaims actor={actor} />
      <SourceList sources={actor.sources} />
    </article>
  );
}
