import type { LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "~/db.server";
import { idOrSlug } from "~/models/shared.server";
import { getVenue } from "~/models/venues.server";
import { itemJson, notFoundJson } from "~/utils/api.server";
import { todayUtc } from "~/utils/dates";

export async function loader({ params }: LoaderFunctionArgs) {
  const id = params.id ?? "";
  const venue = await getVenue(await getDb(), idOrSlug(id), todayUtc());
  return venue ? itemJson(venue) : notFoundJson("venue", id);
}
