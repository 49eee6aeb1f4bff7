import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { Link } from "~/components/link";
import { z } from "zod";
import { requireEditor } from "~/auth/session.server";
import { getDb } from "~/db.server";
import { BreachEditor } from "~/editors/breach-editor";
import { breachDefaults, breachReturnPath, incidentWindow, saveBreach } from "~/editors/breach.server";
import { findLive } from "~/editors/incident.server";
import { PICKER_LIMIT, pickerOptions } from "~/models/lookup.server";
import { parseQuery, withQueryStatus } from "~/utils/query.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `Edit breach #${data.id} · Parley` : "Edit breach · Parley" }];

/** `?from=incident` when opened from the incident's page, so that saving goes back there. */
const querySchema = z.object({ from: z.enum(["incident", "commitment"], { error: "Use from=incident or from=commitment." }).default("commitment") });

function returnTo(request: Request) {
  const parsed = parseQuery(new URL(request.url), querySchema);
  if (!parsed.ok) throw new Response(parsed.errors.map((e) => `${e.parameter}: ${e.message}`).join(" "), { status: 400 });
  return parsed.query.from;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireEditor(request);
  const from = returnTo(request);
  const db = await getDb();
  const breach = await findLive(db, "breach", params.id);
  const f = breach.fields;
  const responsible = [f.responsible_id, f.alleged_by_id].filter((a): a is number => typeof a === "number");
  const dates = incidentWindow(request, {}, { from });
  const [ends, actors, commitments, incidents, sources] = await Promise.all([
    db
      .selectFrom("commitments as c")
      .innerJoin("incidents as i", (join) => join.onTrue())
      .where("c.id", "=", f.commitment_id as number)
      .where("i.id", "=", f.incident_id as number)
      .select(["c.id as commitmentId", "c.title as commitmentTitle", "i.id as incidentId", "i.title as incidentTitle"])
      .executeTakeFirstOrThrow(),
    pickerOptions(db, "actor", responsible),
    pickerOptions(db, "commitment", [f.commitment_id as number]),
    pickerOptions(db, "incident", [f.incident_id as number], PICKER_LIMIT, dates.window),
    pickerOptions(db, "source", breach.children.citations.map((c) => c.source_id as number)),
  ]);
  return withQueryStatus(
    {
      id: breach.id,
      version: breach.version,
      ends,
      cancelTo: breachReturnPath(from, { id: breach.id, ...ends }),
      defaultValue: breachDefaults(breach),
      options: { actors, commitments, incidents, sources },
      incidentWindow: dates.props,
    },
    dates.errors,
  );
}

export async function action({ request, params }: ActionFunctionArgs) {
  await requireEditor(request);
  const from = returnTo(request);
  const breach = await findLive(await getDb(), "breach", params.id);
  return saveBreach(request, { fixed: "none", id: breach.id, returnTo: from });
}

export default function EditBreachPage() {
  const { id, version, ends, cancelTo, defaultValue, options, incidentWindow } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  return (
    <>
      <h1>Edit breach #{id}</h1>
      <p className="lede">
        The link between <Link to={`/incidents/${ends.incidentId}`}>{ends.incidentTitle}</Link> and the commitment{" "}
        <Link to={`/commitments/${ends.commitmentId}`}>{ends.commitmentTitle}</Link>.
      </p>
      <BreachEditor
        mode="edit"
        fixed="none"
        version={version}
        defaultValue={defaultValue}
        lastResult={lastResult}
        cancelTo={cancelTo}
        options={options}
        incidentWindow={incidentWindow}
      />
    </>
  );
}
