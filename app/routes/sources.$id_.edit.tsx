import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { requireEditor } from "~/auth/session.server";
import { getDb } from "~/db.server";
import { SourceEditor } from "~/editors/source-editor";
import { saveSource } from "~/editors/source.server";
import { snapshot } from "~/models/history/engine.server";
import { sourceIdParam } from "~/models/sources.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `Edit ${data.source.title} · Parley` : "Edit source · Parley" }];

async function findSource(param: string | undefined) {
  const id = sourceIdParam(param);
  const current = id === null ? null : await snapshot(await getDb(), "source", id);
  if (!current || current.deleted_at) throw new Response(`There is no source number "${param}".`, { status: 404 });
  return current;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireEditor(request);
  const { id, version, fields: f } = await findSource(params.id);
  return {
    source: {
      id,
      version,
      title: String(f.title),
      kind: f.kind as string,
      publisher: f.publisher as string,
      author: f.author as string | null,
      publishedOn: f.published_on as string | null,
      datePrecision: f.date_precision as string | null,
      url: f.url as string | null,
      notes: f.notes as string | null,
    },
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  await requireEditor(request);
  const source = await findSource(params.id);
  return saveSource(request, source.id);
}

export default function EditSourcePage() {
  const { source } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const { id, version, ...defaultValue } = source;
  return (
    <>
      <h1>Edit source: {source.title}</h1>
      <SourceEditor mode="edit" version={version} lastResult={lastResult} cancelTo={`/sources/${id}`} defaultValue={defaultValue} />
    </>
  );
}
