import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { requireEditor } from "~/auth/session.server";
import { RecordActions } from "~/components/record-actions";
import { Breadcrumbs } from "~/components/record";
import { getDb } from "~/db.server";
import { ProcessEditor } from "~/editors/process-editor";
import { processForEdit, saveProcess } from "~/editors/process.server";
import { pickerOptions } from "~/models/lookup.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `Edit ${data.process.name} · Parley` : "Edit process · Parley" }];

async function findProcess(slug: string | undefined) {
  const process = await processForEdit(await getDb(), slug ?? "");
  if (!process) throw new Response(`There is no process called "${slug}".`, { status: 404 });
  return process;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireEditor(request);
  const process = await findProcess(params.slug);
  return { process, sources: await pickerOptions(await getDb(), "source", process.sourceIds) };
}

export async function action({ request, params }: ActionFunctionArgs) {
  await requireEditor(request);
  const process = await findProcess(params.slug);
  return saveProcess(request, process.id);
}

export default function EditProcessPage() {
  const { process, sources } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const rounds = `/rounds?process=${process.slug}`;
  return (
    <>
      <Breadcrumbs trail={[{ to: "/rounds", label: "Rounds" }, { to: rounds, label: process.name }, { label: "Edit" }]} />
      <h1>Edit process: {process.name}</h1>
      {/* Processes have no page of their own: their history and deletion are reached from here. */}
      <RecordActions type="process" id={process.id} />
      <ProcessEditor mode="edit" version={process.version} lastResult={lastResult} cancelTo={rounds} sources={sources} defaultValue={process.defaultValue} />
    </>
  );
}
