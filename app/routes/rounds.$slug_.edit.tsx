import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { requireEditor } from "~/auth/session.server";
import { Breadcrumbs } from "~/components/record";
import { getDb } from "~/db.server";
import { RoundEditor } from "~/editors/round-editor";
import { roundEditorOptions, roundForEdit, saveRound } from "~/editors/round.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `Edit ${data.round.title} · Parley` : "Edit round · Parley" }];

async function findRound(slug: string | undefined) {
  const round = await roundForEdit(await getDb(), slug ?? "");
  if (!round) throw new Response(`There is no round called "${slug}".`, { status: 404 });
  return round;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireEditor(request);
  const round = await findRound(params.slug);
  const options = await roundEditorOptions(await getDb(), { actors: round.actorIds, sources: round.sourceIds });
  return { round, options };
}

export async function action({ request, params }: ActionFunctionArgs) {
  await requireEditor(request);
  const round = await (await getDb())
    .selectFrom("rounds")
    .select("id")
    .where("slug", "=", params.slug ?? "")
    .where("deleted_at", "is", null)
    .executeTakeFirst();
  if (!round) throw new Response(`There is no round called "${params.slug}".`, { status: 404 });
  return saveRound(request, round.id);
}

export default function EditRoundPage() {
  const { round, options } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  return (
    <>
      <Breadcrumbs trail={[{ to: "/rounds", label: "Rounds" }, { to: `/rounds/${round.slug}`, label: round.title }, { label: "Edit" }]} />
      <h1>Edit round: {round.title}</h1>
      <RoundEditor
        mode="edit"
        version={round.version}
        lastResult={lastResult}
        cancelTo={`/rounds/${round.slug}`}
        options={options}
        defaultValue={round.defaultValue}
        existingCommitments={round.commitments}
      />
    </>
  );
}
