import type { RecordInput } from "~/models/history/engine.server";
import { slugify } from "~/utils/slug";
import { actorSchema } from "./actor";
import { FieldError, recordPath, saveRecord } from "./save.server";
import { citationRows } from "./source.server";

/** The short name in the URL: the one typed, or one made from the name. */
function actorSlug(slug: string | undefined, name: string): string {
  if (slug) return slug;
  const made = slugify(name);
  // "new" would shadow the create page; an empty one (a name in another script) is no URL at all.
  if (!made || made === "new") throw new FieldError("slug", "No short name can be made from this name; type one, e.g. tehrik-i-taliban-pakistan.");
  return made;
}

export function saveActor(request: Request, id?: number) {
  return saveRecord({
    request,
    schema: actorSchema(id === undefined ? "new" : "edit"),
    type: "actor",
    id,
    toInput: async (v, change): Promise<RecordInput> => ({
      fields: {
        slug: actorSlug(v.slug, v.name),
        name: v.name,
        short_name: v.shortName || null,
        kind: v.kind,
        country_code: v.countryCode ?? null,
        description: v.description ?? "",
        aliases: v.aliases,
      },
      children: { citations: await citationRows(change, "actor_id", id, v.sources, v) },
    }),
    summary: (v) => v.summary || `Created actor ${v.name}`,
    redirectTo: (saved) => recordPath("actor", saved),
  });
}
