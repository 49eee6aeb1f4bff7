import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { requireEditor } from "~/auth/session.server";
import { getDb } from "~/db.server";
import { aliasesText } from "~/editors/actor";
import { ActorEditor } from "~/editors/actor-editor";
import { saveActor } from "~/editors/actor.server";
import { snapshot } from "~/models/history/engine.server";
import { pickerOptions } from "~/models/lookup.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `Edit ${data.actor.name} · Parley` : "Edit actor · Parley" }];

async function findActorId(slug: string | undefined) {
  const db = await getDb();
  const row = await db.selectFrom("actors").select("id").where("slug", "=", slug ?? "").where("deleted_at", "is", null).executeTakeFirst();
  if (!row) throw new Response(`There is no actor called "${slug}".`, { status: 404 });
  return row.id;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireEditor(request);
  const db = await getDb();
  const { id, version, fields: f, children } = (await snapshot(db, "actor", await findActorId(params.slug)))!;
  const sourceIds = children.citations.map((c) => Number(c.source_id));
  return {
    actor: { id, version, slug: String(f.slug), name: String(f.name) },
    defaultValue: {
      name: String(f.name),
      shortName: f.short_name as string | null,
      kind: String(f.kind),
      countryCode: f.country_code as string | null,
      description: String(f.description),
      aliases: aliasesText(f.aliases as string[]),
      slug: String(f.slug),
      sources: [...new Set(sourceIds)].map(String),
    },
    sourceOptions: await pickerOptions(db, "source", sourceIds),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  await requireEditor(request);
  return saveActor(request, await findActorId(params.slug));
}

export default function EditActorPage() {
  const { actor, defaultValue, sourceOptions } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  return (
    <>
      <h1>Edit actor: {actor.name}</h1>
      <ActorEditor
        mode="edit"
        version={actor.version}
        lastResult={lastResult}
        cancelTo={`/actors/${actor.slug}`}
        defaultValue={defaultValue}
        sourceOptions={sourceOptions}
      />
    </>
  );
}
