import { redirect, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import {
  ActorBreaches,
  ActorClaims,
  ActorFacts,
  ActorRounds,
  BoundCommitments,
  MediationRecord,
  PerpetratedIncidents,
} from "~/components/actor";
import { Breadcrumbs, SourceList } from "~/components/record";
import { getDb } from "~/db.server";
import { getActor, hasMediated } from "~/models/actors.server";
import { todayUtc } from "~/utils/dates";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.actor.name} as mediator · Parley` : "Mediator not found · Parley" },
  ...(data ? [{ name: "description", content: `What the rounds ${data.actor.name} mediated or hosted produced, and what held.` }] : []),
];

export async function loader({ params }: LoaderFunctionArgs) {
  const actor = await getActor(await getDb(), { slug: params.slug ?? "" }, todayUtc());
  if (!actor) throw new Response(`There is no actor called "${params.slug}".`, { status: 404 });
  // An actor that never mediated or hosted has no mediator record: its own page is the right one.
  if (!hasMediated(actor)) throw redirect(`/actors/${actor.slug}`, 302);
  return { actor };
}

export default function MediatorPage() {
  const { actor } = useLoaderData<typeof loader>();
  const otherRoles = actor.rounds.some((r) => r.role === "party" || r.role === "observer");
  return (
    <article>
      <Breadcrumbs trail={[{ to: "/mediators", label: "Mediators" }, { label: actor.name }]} />
      <h1>{actor.name}</h1>
      <p className="lede">
        As a mediator. The same actor’s general page is <Link to={`/actors/${actor.slug}`}>{actor.name}</Link>.
      </p>
      <ActorFacts actor={actor} />
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
