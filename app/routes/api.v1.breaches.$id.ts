import type { LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "~/db.server";
import { getBreach } from "~/models/breaches.server";
import { idOrSlug } from "~/models/shared.server";
import { itemJson, notFoundJson } from "~/utils/api.server";

export async function loader({ params }: LoaderFunctionArgs) {
  const id = params.id ?? "";
  const ref = idOrSlug(id);
  // Breaches have no slug: anything but a number names no breach.
  const breach = "id" in ref ? await getBreach(await getDb(), ref.id) : null;
  return breach ? itemJson(breach) : notFoundJson("breach", id, "id");
}
