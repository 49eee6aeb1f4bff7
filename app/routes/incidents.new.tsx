import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { requireEditor } from "~/auth/session.server";
import { getDb } from "~/db.server";
import { IncidentEditor } from "~/editors/incident-editor";
import { saveIncident } from "~/editors/incident.server";
import { pickerOptions } from "~/models/lookup.server";

export const meta: MetaFunction = () => [{ title: "New incident · Parley" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireEditor(request);
  const db = await getDb();
  const [actors, sources] = await Promise.all([pickerOptions(db, "actor", []), pickerOptions(db, "source", [])]);
  return { options: { actors, sources } };
}

export async function action({ request }: ActionFunctionArgs) {
  return saveIncident(request);
}

export default function NewIncidentPage() {
  const { options } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  return (
    <>
      <h1>New incident</h1>
      <IncidentEditor mode="new" lastResult={lastResult} cancelTo="/incidents" options={options} />
    </>
  );
}
