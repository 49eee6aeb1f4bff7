import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { requireEditor } from "~/auth/session.server";
import { getDb } from "~/db.server";
import { CommitmentEditor } from "~/editors/commitment-editor";
import { commitmentOptions, saveCommitment } from "~/editors/commitment.server";
import { snapshot } from "~/models/history/engine.server";
import { idOrSlug } from "~/models/shared.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `Edit ${data.commitment.title} · Parley` : "Edit commitment · Parley" }];

async function findCommitment(param: string | undefined) {
  const ref = idOrSlug(param ?? "");
  const current = "id" in ref ? await snapshot(await getDb(), "commitment", ref.id) : null;
  if (!current || current.deleted_at) throw new Response(`There is no commitment number "${param}".`, { status: 404 });
  return current;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireEditor(request);
  const { id, version, fields: f, children } = await findCommitment(params.id);
  const actors = children.parties.map((p) => Number(p.actor_id));
  const relations = children.relations.map((r) => ({ relation: String(r.relation), commitment: Number(r.related_commitment_id) }));
  const sources = [...new Set(children.citations.map((c) => Number(c.source_id)))];
  const str = (v: unknown) => (v == null ? null : String(v));
  return {
    commitment: { id, version, title: String(f.title) },
    defaultValue: {
      title: String(f.title),
      wording: String(f.wording),
      kind: String(f.kind),
      process: String(f.process_id),
      round: str(f.round_id) ?? undefined,
      actors: actors.map(String),
      announcedOn: str(f.announced_on),
      takesEffectOn: String(f.takes_effect_on),
      takesEffectPrecision: String(f.takes_effect_precision),
      expiresOn: str(f.expires_on),
      fulfilledOn: str(f.fulfilled_on),
      relations: relations.map((r) => ({ relation: r.relation, commitment: String(r.commitment) })),
      notes: str(f.notes),
      sources: sources.map(String),
    },
    options: await commitmentOptions(await getDb(), {
      id,
      process: Number(f.process_id),
      round: f.round_id == null ? null : Number(f.round_id),
      actors,
      related: relations.map((r) => r.commitment),
      sources,
    }),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  await requireEditor(request);
  const { id } = await findCommitment(params.id);
  return saveCommitment(request, id);
}

export default function EditCommitmentPage() {
  const { commitment, defaultValue, options } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  return (
    <>
      <h1>Edit commitment: {commitment.title}</h1>
      <CommitmentEditor
        mode="edit"
        version={commitment.version}
        lastResult={lastResult}
        cancelTo={`/commitments/${commitment.id}`}
        defaultValue={defaultValue}
        options={options}
      />
    </>
  );
}
