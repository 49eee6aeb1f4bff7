// What the benchmark measures: one entry per URL, with the target its p95 must meet. Its database
// floor is its route's own loader, called in-process against the same database: the loader's
// queries and the little JavaScript around them, without HTTP, Remix's rendering or React.
import { existsSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { LoaderFunctionArgs } from "@remix-run/node";
import type { Discovered } from "./discover";

export type Group = "framework floor" | "overview" | "list" | "deep page" | "detail" | "scorecard" | "analysis" | "search" | "write";

/** p95 targets in ms, from issue 5; null: no absolute target (the ratio still applies). */
export const TARGET_P95: Record<Group, number | null> = {
  "framework floor": null,
  overview: null,
  list: 50,
  "deep page": 50,
  detail: 25,
  scorecard: 300,
  analysis: 300,
  search: 100,
  write: null,
};

/** Gzipped client JavaScript budget of a read page, in bytes. */
export const JS_BUDGET = { page: 150 * 1024, analysis: 300 * 1024 };

export interface RouteSpec {
  name: string;
  group: Group;
  /** An HTML page (its client JavaScript is weighed) or a JSON answer. */
  kind: "page" | "api" | "text";
  path: string;
  /** The route module (a file in app/routes, without its extension) and its URL parameters. */
  module: string;
  params?: Record<string, string>;
  /** What makes this URL heavy, for the report. */
  note: string;
  method?: "POST";
  /** Request headers, over HTTP and for the floor (e.g. Cache-Control: no-cache, decision 0006). */
  headers?: Record<string, string>;
  /**
   * Each measured round is a write (a venue created through the form, which moves the data version)
   * followed by as many readers at once as there are connections: what the first readers after an
   * editor's save wait for. They share one computation (decision 0006); the floor computes afresh.
   */
  afterWrite?: boolean;
}

/** Asks the server to compute afresh what it would otherwise serve from memory (decision 0006). */
const UNCACHED = { "cache-control": "no-cache" };

type Loader = (args: LoaderFunctionArgs) => unknown;

/**
 * The route's loader as a floor: called with the URL as Remix would, its answer read to the end
 * (an API loader serialises its JSON itself). The app's database handle must point at the
 * database being measured (see scripts/bench.ts).
 */
export async function loaderFloor(root: string, spec: RouteSpec): Promise<() => Promise<void>> {
  const file = [".tsx", ".ts"].map((ext) => path.join(root, "app/routes", spec.module + ext)).find((f) => existsSync(f));
  if (!file) throw new Error(`No route module app/routes/${spec.module}.ts(x) for ${spec.name}.`);
  const { loader } = (await import(pathToFileURL(file).href)) as { loader?: Loader };
  if (!loader) throw new Error(`app/routes/${spec.module} has no loader.`);
  const url = new URL(spec.path, "http://parley.bench");
  return async () => {
    let result: unknown;
    try {
      const headers = spec.afterWrite ? UNCACHED : spec.headers;
      result = await loader({ request: new Request(url, { headers }), params: spec.params ?? {}, context: {} } as LoaderFunctionArgs);
    } catch (thrown) {
      if (thrown instanceof Response) throw new Error(`${spec.name}: the loader answered ${thrown.status} ${await thrown.text()}`);
      throw thrown;
    }
    if (result instanceof Response) {
      if (!result.ok) throw new Error(`${spec.name}: the loader answered ${result.status}`);
      await result.arrayBuffer();
    }
  };
}

function qs(params: Record<string, string | number | undefined>): string {
  const search = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined) search.set(k, String(v));
  const s = search.toString();
  return s ? `?${s}` : "";
}

export function routeSpecs(d: Discovered, root: string): RouteSpec[] {
  const inc = d.incidentFilter;
  const incidentParams = qs({ kind: inc.kind, province: inc.province, from: inc.from, to: inc.to, sort: "date-asc" });
  const deepIncidentParams = qs({ kind: d.deepIncidents.kind, after: d.deepIncidents.cursor });
  // Status is derived from every breach of every commitment: the heaviest commitments filter.
  const commitmentParams = qs({ status: "broken", party: d.party.slug, sort: "title-asc" });
  const roundParams = qs({ mediator: d.mediator.slug, sort: "title-asc" });
  const sourceParams = qs({ kind: "news", sort: "date-asc" });
  const breachParams = qs({ responsible: d.party.slug, assessment: "corroborated", sort: "date-asc" });
  const actorParams = qs({ role: "party", q: "an" });
  const pair = (
    name: string,
    group: Group,
    page: { path: string; module: string; params?: Record<string, string> },
    api: { path: string; module: string; params?: Record<string, string> },
    note: string,
  ): RouteSpec[] => [
    { name, group, kind: "page", ...page, note },
    { name: `API ${name}`, group, kind: "api", ...api, note: "as the page" },
  ];

  // A page whose figures are kept per data version (decision 0006), computed afresh: right after a
  // write, its readers sharing one computation; and every request forcing its own.
  const computedAfresh = (name: string, group: Group, path: string, module: string): RouteSpec[] => [
    { name: `${name}, uncached`, group, kind: "page", path, module, headers: UNCACHED, note: `as “${name}”, every request computing afresh (Cache-Control: no-cache), four at once` },
    { name: `${name}, after a write`, group, kind: "page", path, module, afterWrite: true, note: `as “${name}”, four readers at once right after each write (a venue saved through the form)` },
  ];

  const specs: RouteSpec[] = [
    { name: "robots.txt", group: "framework floor", kind: "text", path: "/robots.txt", module: "robots[.]txt", note: "no database, no React" },
    { name: "overview", group: "overview", kind: "page", path: "/", module: "_index", note: "counts of every table, commitments by status" },
    { name: "analysis", group: "analysis", kind: "page", path: "/analysis", module: "analysis", note: "every incident, claim, breach and commitment, by month" },
    {
      name: "analysis, filtered",
      group: "analysis",
      kind: "page",
      path: `/analysis${qs({ per: "week", party: d.party.slug, process: d.process.slug })}`,
      module: "analysis",
      note: "the busiest party and process, by week",
    },
    ...computedAfresh("analysis", "analysis", "/analysis", "analysis"),
    ...computedAfresh("mediators", "scorecard", `/mediators${qs({ sort: "commitments-desc" })}`, "mediators._index"),

    // Lists, each with its heaviest filter and sort, as a page and from the API.
    ...pair(
      "rounds",
      "list",
      { path: `/rounds${roundParams}`, module: "rounds._index" },
      { path: `/api/v1/rounds${roundParams}`, module: "api.v1.rounds._index" },
      `mediator ${d.mediator.slug}, by title`,
    ),
    ...pair(
      "commitments",
      "list",
      { path: `/commitments${commitmentParams}`, module: "commitments._index" },
      { path: `/api/v1/commitments${commitmentParams}`, module: "api.v1.commitments._index" },
      `status broken (derived), party ${d.party.slug}, by title`,
    ),
    ...pair(
      "incidents",
      "list",
      { path: `/incidents${incidentParams}`, module: "incidents._index" },
      { path: `/api/v1/incidents${incidentParams}`, module: "api.v1.incidents._index" },
      `${inc.kind} in ${inc.province}, ${inc.from.slice(0, 4)}, oldest first (${inc.matches.toLocaleString("en")} match)`,
    ),
    ...pair(
      `incidents, page ${d.deepIncidents.page}`,
      "deep page",
      { path: `/incidents${deepIncidentParams}`, module: "incidents._index" },
      { path: `/api/v1/incidents${deepIncidentParams}`, module: "api.v1.incidents._index" },
      `kind ${d.deepIncidents.kind}, newest first, by cursor`,
    ),
    ...pair(
      "sources",
      "list",
      { path: `/sources${sourceParams}`, module: "sources._index" },
      { path: `/api/v1/sources${sourceParams}`, module: "api.v1.sources._index" },
      "kind news, oldest first",
    ),
    {
      name: `API sources, page ${d.deepSources.page}`,
      group: "deep page",
      kind: "api",
      path: `/api/v1/sources${qs({ after: d.deepSources.cursor })}`,
      module: "api.v1.sources._index",
      note: "newest first, by cursor",
    },
    {
      name: "API breaches",
      group: "list",
      kind: "api",
      path: `/api/v1/breaches${breachParams}`,
      module: "api.v1.breaches._index",
      note: `responsible ${d.party.slug}, corroborated, oldest first`,
    },
    ...pair(
      "actors",
      "list",
      { path: `/actors${actorParams}`, module: "actors._index" },
      { path: `/api/v1/actors${actorParams}`, module: "api.v1.actors._index" },
      "role party, name contains “an”",
    ),
    ...pair(
      "mediators",
      "list",
      { path: `/mediators${qs({ sort: "commitments-desc" })}`, module: "mediators._index" },
      { path: `/api/v1/mediators${qs({ sort: "commitments-desc" })}`, module: "api.v1.mediators._index" },
      "scorecards, by commitments obtained",
    ),
    ...pair(
      "parties",
      "list",
      { path: `/parties${qs({ sort: "breaches-desc" })}`, module: "parties._index" },
      { path: `/api/v1/parties${qs({ sort: "breaches-desc" })}`, module: "api.v1.parties._index" },
      "tallies of commitments and breaches, by breaches",
    ),
    ...pair("venues", "list", { path: "/venues", module: "venues._index" }, { path: "/api/v1/venues", module: "api.v1.venues._index" }, "scorecards"),

    // Detail pages, on the heaviest record of each kind.
    ...pair(
      "round",
      "detail",
      { path: `/rounds/${d.round.slug}`, module: "rounds.$slug", params: { slug: d.round.slug } },
      { path: `/api/v1/rounds/${d.round.slug}`, module: "api.v1.rounds.$id", params: { id: d.round.slug } },
      `${d.round.commitments} commitments`,
    ),
    ...pair(
      "commitment",
      "detail",
      { path: `/commitments/${d.commitment.id}`, module: "commitments.$id", params: { id: String(d.commitment.id) } },
      { path: `/api/v1/commitments/${d.commitment.id}`, module: "api.v1.commitments.$id", params: { id: String(d.commitment.id) } },
      `${d.commitment.breaches} breaches`,
    ),
    ...pair(
      "incident",
      "detail",
      { path: `/incidents/${d.incident.id}`, module: "incidents.$id", params: { id: String(d.incident.id) } },
      { path: `/api/v1/incidents/${d.incident.id}`, module: "api.v1.incidents.$id", params: { id: String(d.incident.id) } },
      `${d.incident.claims} claims, ${d.incident.breaches} breaches`,
    ),
    ...pair(
      "actor",
      "detail",
      { path: `/actors/${d.party.slug}`, module: "actors.$slug", params: { slug: d.party.slug } },
      { path: `/api/v1/actors/${d.party.slug}`, module: "api.v1.actors.$id", params: { id: d.party.slug } },
      `alleged responsible for ${d.party.breaches.toLocaleString("en")} breaches`,
    ),
    ...pair(
      "source",
      "detail",
      { path: `/sources/${d.source.id}`, module: "sources.$id", params: { id: String(d.source.id) } },
      { path: `/api/v1/sources/${d.source.id}`, module: "api.v1.sources.$id", params: { id: String(d.source.id) } },
      `cited ${d.source.citations} times`,
    ),
    {
      name: "API breach",
      group: "detail",
      kind: "api",
      path: `/api/v1/breaches/${d.breach.id}`,
      module: "api.v1.breaches.$id",
      params: { id: String(d.breach.id) },
      note: "the newest",
    },
    {
      name: "mediator",
      group: "scorecard",
      kind: "page",
      path: `/mediators/${d.mediator.slug}`,
      module: "mediators.$slug",
      params: { slug: d.mediator.slug },
      note: `${d.mediator.rounds} rounds mediated`,
    },
    ...pair(
      "venue",
      "scorecard",
      { path: `/venues/${d.venue.slug}`, module: "venues.$slug", params: { slug: d.venue.slug } },
      { path: `/api/v1/venues/${d.venue.slug}`, module: "api.v1.venues.$id", params: { id: d.venue.slug } },
      `${d.venue.rounds} rounds held`,
    ),
  ];
  if (existsSync(path.join(root, "app/routes/search.tsx"))) {
    // Common words: the most matches to rank, in every kind of record.
    const search = qs({ q: "border strike" });
    specs.push(
      ...pair("search", "search", { path: `/search${search}`, module: "search" }, { path: `/api/v1/search${search}`, module: "api.v1.search" }, "“border strike”, every kind of record"),
    );
    const variant = (name: string, params: Record<string, string | number>, note: string) => {
      const s = qs(params);
      specs.push(...pair(name, "search", { path: `/search${s}`, module: "search" }, { path: `/api/v1/search${s}`, module: "api.v1.search" }, note));
    };
    // Two words each in a quarter of the incidents, together in a fraction of a percent of them.
    variant("search, incidents", { q: "border strike", type: "incident" }, "“border strike”, incidents only, page 1");
    variant("search, incidents, last page", { q: "border strike", type: "incident", page: 4 }, "“border strike”, incidents only, the last page offered");
    // Words every incident contains: the most candidates there can be.
    variant("search, common words", { q: "synthetic record" }, "“synthetic record”: in every incident");
    variant("search, rare word", { q: "julfa" }, "“julfa”: a place in a few hundred incidents");
  }
  specs.push({
    name: "write: new venue",
    group: "write",
    kind: "page",
    method: "POST",
    path: "/venues/new",
    module: "venues.new",
    note: "signed-in editor creates a venue: one transaction, record and revision, then a redirect",
  });
  return specs;
}
