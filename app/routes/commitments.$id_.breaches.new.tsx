import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import type { DatePrecision } from "@db/enums";
import { requireEditor } from "~/auth/session.server";
import { getDb } from "~/db.server";
import { BreachEditor } from "~/editors/breach-editor";
import { incidentWindow, saveBreach } from "~/editors/breach.server";
import { findLive } from "~/editors/incident.server";
import { PICKER_LIMIT, pickerOptions } from "~/models/lookup.server";
import { formatDate } from "~/utils/dates";
import { withQueryStatus } from "~/utils/query.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `Link an incident that broke ${data.commitment.title} · Parley` : "Link an incident · Parley" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireEditor(request);
  const db = await getDb();
  const { id, fields: f } = await findLive(db, "commitment", params.id);
  // Only an incident within the commitment's term can be linked: list those unless told otherwise.
  const dates = incidentWindow(request, { from: f.takes_effect_on as string, to: (f.expires_on as string | null) ?? undefined });
  const [actors, incidents, sources] = await Promise.all([
    pickerOptions(db, "actor", []),
    pickerOptions(db, "incident", [], PICKER_LIMIT, dates.window),
    pickerOptions(db, "source", []),
  ]);
  const starts = formatDate(f.takes_effect_on as string, f.takes_effect_precision as DatePrecision);
  const term = f.expires_on ? `${starts} – ${formatDate(f.expires_on as string)}` : `from ${starts}`;
  return withQueryStatus(
    { commitment: { id, title: String(f.title), term }, options: { actors, incidents, sources, commitments: [] }, incidentWindow: dates.props },
    dates.errors,
  );
}

export async function action({ request, params }: ActionFunctionArgs) {
  await requireEditor(request);
  const commitment = await findLive(await getDb(), "commitment", params.id);
  return saveBreach(request, { fixed: "commitment", ends: { commitment: commitment.id }, returnTo: "commitment" });
}

export default function NewBreachFromCommitmentPage() {
  const { commitment, options, incidentWindow } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  return (
    <>
      <h1>Link an incident that broke it</h1>
      <BreachEditor
        mode="new"
        fixed="commitment"
        fixedEnd={{ to: `/commitments/${commitment.id}`, label: `${commitment.title} (in force ${commitment.term})` }}
        lastResult={lastResult}
        cancelTo={`/commitments/${commitment.id}#breaches-heading`}
        options={options}
        incidentWindow={incidentWindow}
      />
    </>
  );
}
