import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { Link } from "~/components/link";
import { requireEditor } from "~/auth/session.server";
import { getDb } from "~/db.server";
import { ClaimEditor } from "~/editors/claim-editor";
import { saveClaim } from "~/editors/claim.server";
import { findLive } from "~/editors/incident.server";
import { pickerOptions } from "~/models/lookup.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `New claim about ${data.incident.title} · Parley` : "New claim · Parley" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireEditor(request);
  const db = await getDb();
  const incident = await findLive(db, "incident", params.id);
  const [actors, sources] = await Promise.all([pickerOptions(db, "actor", []), pickerOptions(db, "source", [])]);
  return { incident: { id: incident.id, title: String(incident.fields.title) }, options: { actors, sources } };
}

export async function action({ request, params }: ActionFunctionArgs) {
  await requireEditor(request);
  const incident = await findLive(await getDb(), "incident", params.id);
  return saveClaim(request, incident.id);
}

export default function NewClaimPage() {
  const { incident, options } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  return (
    <>
      <h1>New casualty claim</h1>
      <p className="lede">
        About <Link to={`/incidents/${incident.id}`}>{incident.title}</Link>. Record each side’s figure as its own claim: competing counts
        stand side by side.
      </p>
      <ClaimEditor mode="new" lastResult={lastResult} cancelTo={`/incidents/${incident.id}#claims-heading`} options={options} />
    </>
  );
}
