// The analysis page's and the scorecards' figures, and the choices the list pages' filter forms
// offer, served again while nothing has been written since they were computed
// (app/utils/version-cache.server.ts, decision 0006). Everything here is the live computation
// itself; a request with Cache-Control: no-cache computes it afresh.
import type { Kysely } from "kysely";
import type { Database } from "@db/types";
import { readDataVersion, versionCache, wantsFresh } from "~/utils/version-cache.server";
import { listMediators, type MediatorListQuery } from "./actors.server";
import { getAnalysis, type AnalysisQuery } from "./analytics.server";
import { mediatorKmMedians, mediatorScorecards, scoreMediators, scoreVenues, venueKmMedian, venueScorecards } from "./scorecards.server";
import { commitmentFilterOptions } from "./commitments.server";
import { incidentFilterOptions } from "./incidents.server";
import { roundFilterOptions } from "./rounds.server";
import { sourceFilterOptions } from "./sources.server";
import { listVenues, type VenueListQuery } from "./venues.server";

// An unfiltered analysis page is a few hundred kilobytes: 48 results stay well under 50 MB.
const figures = versionCache(48);
// The processes, venues, parties, mediators, places and publishers present: two to four small
// queries per list page, the same answer for every request until something is written.
const choices = versionCache(8);

// A page that reads two kept results (the analysis figures and its filter choices) reads the data
// version once: both are served at the version current when the request started.
const versionOfRequest = new WeakMap<Request, Promise<string>>();

function cached<T>(db: Kysely<Database>, request: Request, key: unknown[], compute: () => Promise<T>, cache = figures): Promise<T> {
  let version = versionOfRequest.get(request);
  if (!version) versionOfRequest.set(request, (version = readDataVersion(db)));
  return cache.get(db, JSON.stringify(key), compute, { fresh: wantsFresh(request), version });
}

/** The rounds and analysis filters' choices. */
export const roundChoices = (db: Kysely<Database>, request: Request) => cached(db, request, ["rounds"], () => roundFilterOptions(db), choices);
export const commitmentChoices = (db: Kysely<Database>, request: Request) =>
  cached(db, request, ["commitments"], () => commitmentFilterOptions(db), choices);
export const incidentChoices = (db: Kysely<Database>, request: Request) => cached(db, request, ["incidents"], () => incidentFilterOptions(db), choices);
export const sourceChoices = (db: Kysely<Database>, request: Request) => cached(db, request, ["sources"], () => sourceFilterOptions(db), choices);

export function analysisFigures(db: Kysely<Database>, request: Request, q: AnalysisQuery, asOf: string) {
  return cached(db, request, ["analysis", q, asOf], () => getAnalysis(db, q, asOf));
}

export function scoredMediatorPage(db: Kysely<Database>, request: Request, q: Omit<MediatorListQuery, "format"> & { limit: number }, asOf: string) {
  return cached(db, request, ["mediators", q, asOf], async () => scoreMediators(db, await listMediators(db, q, asOf), asOf));
}

export function scoredVenuePage(db: Kysely<Database>, request: Request, q: Omit<VenueListQuery, "format"> & { limit: number }, asOf: string) {
  return cached(db, request, ["venues", q, asOf], async () => scoreVenues(db, await listVenues(db, q, asOf), asOf));
}

/** A mediator's scorecard and Kaplan–Meier median (absent when it never mediated or hosted). */
export function mediatorFigures(db: Kysely<Database>, request: Request, slug: string, asOf: string) {
  return cached(db, request, ["mediator", slug, asOf], async () => {
    const [[scorecard], km] = await Promise.all([mediatorScorecards(db, asOf, [slug]), mediatorKmMedians(db, asOf, [slug])]);
    return { scorecard, km: km.get(slug) };
  });
}

export function venueFigures(db: Kysely<Database>, request: Request, slug: string, asOf: string) {
  return cached(db, request, ["venue", slug, asOf], async () => {
    const [[scorecard], km] = await Promise.all([venueScorecards(db, asOf, [slug]), venueKmMedian(db, slug, asOf)]);
    return { scorecard, km };
  });
}
