// The analysis page's and the scorecards' figures, served again while nothing has been written
// since they were computed (app/utils/version-cache.server.ts, decision 0006). Everything here is
// the live computation itself; a request with Cache-Control: no-cache computes it afresh.
import type { Kysely } from "kysely";
import type { Database } from "@db/types";
import { versionCache, wantsFresh } from "~/utils/version-cache.server";
import { listMediators, type MediatorListQuery } from "./actors.server";
import { getAnalysis, type AnalysisQuery } from "./analytics.server";
import { mediatorKmMedians, mediatorScorecards, scoreMediators, scoreVenues, venueKmMedian, venueScorecards } from "./scorecards.server";
import { listVenues, type VenueListQuery } from "./venues.server";

// An unfiltered analysis page is a few hundred kilobytes: 48 results stay well under 50 MB.
const figures = versionCache(48);

function cached<T>(db: Kysely<Database>, request: Request, key: unknown[], compute: () => Promise<T>): Promise<T> {
  return figures.get(db, JSON.stringify(key), compute, { fresh: wantsFresh(request) });
}

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
