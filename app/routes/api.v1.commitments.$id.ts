import type { LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "~/db.server";
import { getCommitment } from "~/models/commitments.server";
import { idOrSlug } from "~/models/shared.server";
import { itemJson, notFoundJson } from "~/utils/api.server";
import { todayUtc } from "~/utils/dates";

export async function loader({ params }: LoaderFunctionArgs) {
  const id = params.id ?? "";
  const ref = idOrSlug(id);
  // Commitments have no slug: anything but a number names no commitment.
  const commitment = "id" in ref ? await getCommitment(await getDb(), ref.id, todayUtc()) : null;
  if (!commitment) return notFoundJson("commitment", id, "id");
  // The item lists the first breaches only (breachTotal counts them all): the rest are paged there.
  return itemJson({ ...commitment, links: { breaches: `/api/v1/breaches?commitment=${commitment.id}&sort=date-asc` } });
}
