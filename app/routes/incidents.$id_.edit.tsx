import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { requireEditor } from "~/auth/session.server";
import { getDb } from "~/db.server";
import { IncidentEditor } from "~/editors/incident-editor";
import { findLive, incidentDefaults, saveIncident } from "~/editors/incident.server";
import { pickerOptions } from "~/models/lookup.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `Edit ${data.title} · Parley` : "Edit incident · Parley" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireEditor(request);
  const db = await getDb();
  const { id, version, fields: f, children } = await findLive(db, "incident", params.id);
  const sourceIds = children.citations.map((c) => c.source_id as number);
  const perpetrator = f.perpetrator_id as number | null;
  const [actors, sources] = await Promise.all([pickerOptions(db, "actor", perpetrator ? [perpetrator] : []), pickerOptions(db, "source", sourceIds)]);
  return { id, version, title: f.title as string, defaultValue: incidentDefaults(f, sourceIds), options: { actors, sources } };
}

export async function action({ request, params }: ActionFunctionArgs) {
  await requireEditor(request);
  const incident = await findLive(await getDb(), "incident", params.id);
  return saveIncident(request, incident.id);
}

export default function EditIncidentPage() {
  const { id, version, title, defaultValue, options } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  return (
    <>
      <h1>Edit incident: {title}</h1>
      <IncidentEditor mode="edit" version={version} lastResult={lastResult} cancelTo={`/incidents/${id}`} options={options} defaultValue={defaultValue} />
    </>
  );
}
