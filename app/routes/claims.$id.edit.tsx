import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { Link } from "~/components/link";
import { requireEditor } from "~/auth/session.server";
import { getDb } from "~/db.server";
import { ClaimEditor } from "~/editors/claim-editor";
import { claimDefaults, saveClaim } from "~/editors/claim.server";
import { findLive } from "~/editors/incident.server";
import { pickerOptions } from "~/models/lookup.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `Edit claim #${data.id} · Parley` : "Edit claim · Parley" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireEditor(request);
  const db = await getDb();
  const { id, version, fields: f } = await findLive(db, "claim", params.id);
  const actorIds = [f.claimant_id, f.affected_id].filter((a): a is number => typeof a === "number");
  const [incident, actors, sources] = await Promise.all([
    db.selectFrom("incidents").select(["id", "title"]).where("id", "=", f.incident_id as number).executeTakeFirstOrThrow(),
    pickerOptions(db, "actor", actorIds),
    pickerOptions(db, "source", [f.source_id as number]),
  ]);
  return { id, version, incident, defaultValue: claimDefaults(f), options: { actors, sources } };
}

export async function action({ request, params }: ActionFunctionArgs) {
  await requireEditor(request);
  const claim = await findLive(await getDb(), "claim", params.id);
  return saveClaim(request, claim.fields.incident_id as number, claim.id);
}

export default function EditClaimPage() {
  const { id, version, incident, defaultValue, options } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  return (
    <>
      <h1>Edit casualty claim #{id}</h1>
      <p className="lede">
        About <Link to={`/incidents/${incident.id}`}>{incident.title}</Link>. To withdraw a figure shown to be wrong, rank it deprecated
        rather than deleting it.
      </p>
      <ClaimEditor
        mode="edit"
        version={version}
        lastResult={lastResult}
        cancelTo={`/incidents/${incident.id}#claim-${id}`}
        options={options}
        defaultValue={defaultValue}
      />
    </>
  );
}
