import type { LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "~/db.server";
import { getSource, sourceIdParam } from "~/models/sources.server";
import { itemJson, notFoundJson } from "~/utils/api.server";

export async function loader({ params }: LoaderFunctionArgs) {
  const raw = params.id ?? "";
  const id = sourceIdParam(raw);
  const source = id === null ? null : await getSource(await getDb(), id);
  return source ? itemJson(source) : notFoundJson("source", raw, "id");
}
