import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Link } from "~/components/link";
import { ActorBreaches, ActorClaims, ActorFacts, ActorRounds, BoundCommitments, PerpetratedIncidents } from "~/components/actor";
import { RecordActions } from "~/components/record-actions";
import { Breadcrumbs, SourceList } from "~/components/record";
import { getDb } from "~/db.server";
import { getActor } from "~/models/actors.server";
import { hasMediated } from "~/models/actors";
import { todayUtc } from "~/utils/dates";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.actor.name} · Parley` : "Actor not found · Parley" },
  ...(data ? [{ name: "description", content: data.actor.description.slice(0, 160) }] : []),
];

export async function loader({ params }: LoaderFunctionArgs) {
  const actor = await getActor(await getDb(), { slug: params.slug ?? "" }, todayUtc());
  if (!actor) throw new Response(`There is no actor called "${params.slug}".`, { status: 404 });
  return { actor };
}

export default function ActorPage() {
  const { actor } = useLoaderData<typeof loader>();
  return (
    <article>
      <Breadcrumbs trail={[{ to: "/actors", label: "Actors" }, { label: actor.name }]} />
      <h1>{actor.name}</h1>
      <RecordActions type="actor" id={actor.id} editTo={`/actors/${actor.slug}/edit`} />
      <ActorFacts actor={actor} />
      {hasMediated(actor) ? (
        <p>
          {actor.name} mediated or hosted {actor.roundCounts.led.toLocaleString("en")} round{actor.roundCounts.led === 1 ? "" : "s"}:{" "}
          <Link to={`/mediators/${actor.slug}`}>its record as a mediator</Link>.
        </p>
      ) : null}
      <ActorRounds actor={actor} roles={["mediator", "host", "party", "observer"]} />
      <BoundCommitments actor={actor} />
      <PerpetratedIncidents actor={actor} />
      <ActorBreaches actor={actor} />
      <ActorClaims actor={actor} />
      <SourceList sources={actor.sources} />
    </article>
  );
}
