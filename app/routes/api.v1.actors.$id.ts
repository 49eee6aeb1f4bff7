import type { LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "~/db.server";
import { getActor } from "~/models/actors.server";
import { idOrSlug } from "~/models/shared.server";
import { itemJson, notFoundJson } from "~/utils/api.server";
import { todayUtc } from "~/utils/dates";

export async function loader({ params }: LoaderFunctionArgs) {
  const id = params.id ?? "";
  const actor = await getActor(await getDb(), idOrSlug(id), todayUtc());
  return actor ? itemJson(actor) : notFoundJson("actor", id);
}
