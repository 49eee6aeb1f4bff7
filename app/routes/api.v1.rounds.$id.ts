import type { LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "~/db.server";
import { getRound } from "~/models/rounds.server";
import { idOrSlug } from "~/models/shared.server";
import { itemJson, notFoundJson } from "~/utils/api.server";
import { todayUtc } from "~/utils/dates";

export async function loader({ params }: LoaderFunctionArgs) {
  const id = params.id ?? "";
  const round = await getRound(await getDb(), idOrSlug(id), todayUtc());
  return round ? itemJson(round) : notFoundJson("round", id);
}
