// Calls a route's loader the way Remix would, against the test database.
import type { LoaderFunctionArgs } from "@remix-run/node";
import type { TestDatabase } from "./db";

/**
 * Points the app's database handle (app/db.server.ts) at the test database: the one way route
 * tests reach it (no vi.mock of ~/db.server), called in the test once its data is loaded.
 */
export function useAppDatabase(t: TestDatabase) {
  globalThis.__parleyDb = Promise.resolve({ db: t.db, engine: t.engine, close: async () => {} });
}

/**
 * Before each test the handle points nowhere: a route called without `useAppDatabase` fails
 * with this message instead of quietly opening the developer's own database (PARLEY_DATA_DIR).
 * A thenable rather than a rejected promise, so that nothing is reported unless a route awaits it.
 */
export function unpointAppDatabase() {
  const refuse = (_: unknown, reject: (error: Error) => void) => reject(new Error("This test calls a route without useAppDatabase(t) (tests/support/routes.ts)."));
  globalThis.__parleyDb = { then: refuse } as unknown as typeof globalThis.__parleyDb;
}

type RouteFunction = (args: { request: Request; params: Record<string, string>; context: Record<string, unknown> }) => unknown;

/**
 * Calls a loader or action the way Remix would, as a Response: data (plain or through `data()`)
 * as JSON, thrown Responses (redirects, 403s, 404s) returned. The one such helper the tests share.
 */
export async function callRoute(fn: RouteFunction, request: Request, params: Record<string, string> = {}, context: Record<string, unknown> = {}): Promise<Response> {
  try {
    const result = await fn({ request, params, context });
    if (result instanceof Response) return result;
    const maybe = result as { type?: string; data?: unknown; init?: ResponseInit };
    if (maybe && maybe.type === "DataWithResponseInit") return Response.json(maybe.data, maybe.init ?? {});
    return Response.json(result);
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}

/** A GET of `url` (relative to the test origin). */
export function callLoader(
  loader: (args: LoaderFunctionArgs) => unknown,
  url: string,
  params: Record<string, string> = {},
  init?: RequestInit,
): Promise<Response> {
  return callRoute(loader as RouteFunction, new Request(new URL(url, "http://parley.test"), init), params);
}
