import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import type { DatePrecision } from "@db/enums";
import { requireEditor } from "~/auth/session.server";
import { getDb } from "~/db.server";
import { BreachEditor } from "~/editors/breach-editor";
import { saveBreach } from "~/editors/breach.server";
import { findLive } from "~/editors/incident.server";
import { pickerOptions } from "~/models/lookup.server";
import { formatDate } from "~/utils/dates";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `Link ${data.incident.title} to a commitment · Parley` : "Link to a commitment · Parley" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireEditor(request);
  const db = await getDb();
  const { id, fields: f } = await findLive(db, "incident", params.id);
  const perpetrator = f.perpetrator_id as number | null;
  const [actors, commitments, sources] = await Promise.all([
    pickerOptions(db, "actor", perpetrator ? [perpetrator] : []),
    pickerOptions(db, "commitment", []),
    pickerOptions(db, "source", []),
  ]);
  return {
    incident: { id, title: String(f.title), date: formatDate(f.occurred_on as string, f.date_precision as DatePrecision) },
    // The incident's alleged perpetrator is the likeliest one responsible; the editor can change it.
    responsible: perpetrator ? String(perpetrator) : null,
    options: { actors, commitments, sources, incidents: [] },
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  await requireEditor(request);
  const incident = await findLive(await getDb(), "incident", params.id);
  return saveBreach(request, { fixed: "incident", ends: { incident: incident.id }, returnTo: "incident" });
}

export default function NewBreachFromIncidentPage() {
  const { incident, responsible, options } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  return (
    <>
      <h1>Link to a commitment it broke</h1>
      <BreachEditor
        mode="new"
        fixed="incident"
        fixedEnd={{ to: `/incidents/${incident.id}`, label: `${incident.title} (${incident.date})` }}
        defaultValue={{ responsible }}
        lastResult={lastResult}
        cancelTo={`/incidents/${incident.id}#breaches-heading`}
        options={options}
      />
    </>
  );
}
