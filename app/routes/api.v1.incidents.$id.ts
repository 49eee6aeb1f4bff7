import type { LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "~/db.server";
import { getIncident } from "~/models/incidents.server";
import { itemJson, notFoundJson } from "~/utils/api.server";
import { todayUtc } from "~/utils/dates";

export async function loader({ params }: LoaderFunctionArgs) {
  const id = params.id ?? "";
  // Incidents have no slug: anything but a number names no incident.
  const incident = /^\d{1,9}$/.test(id) ? await getIncident(await getDb(), Number(id), todayUtc()) : null;
  return incident ? itemJson(incident) : notFoundJson("incident", id, "id");
}
