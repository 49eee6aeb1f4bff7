/** "Bogotá talks" -> "bogota-talks": fits the schema's slug CHECK (^[a-z0-9]+(-[a-z0-9]+)*$). */
export function slugify(text: string): string {
  return text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
}

/** Slugs made unique by a numeric suffix on repeats, and kept clear of the `reserved` ones. */
export class SlugSet {
  private readonly used: Set<string>;
  constructor(reserved: Iterable<string> = []) {
    this.used = new Set(reserved);
  }
  take(text: string): string {
    const base = slugify(text);
    let slug = base;
    for (let n = 2; this.used.has(slug); n++) slug = `${base}-${n}`;
    this.used.add(slug);
    return slug;
  }
}
