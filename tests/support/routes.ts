// Calls a route's loader the way Remix would, against the test database.
import type { LoaderFunctionArgs } from "@remix-run/node";
import type { TestDatabase } from "./db";

/** Points the app's database handle (app/db.server.ts) at the test database. */
export function useAppDatabase(t: TestDatabase) {
  globalThis.__parleyDb = Promise.resolve({ db: t.db, engine: t.engine, close: async () => {} });
}

export async function callLoader(
  loader: (args: LoaderFunctionArgs) => unknown,
  url: string,
  params: Record<string, string> = {},
): Promise<Response> {
  const request = new Request(new URL(url, "http://parley.test"));
  try {
    const result = await loader({ request, params, context: {} } as LoaderFunctionArgs);
    if (result instanceof Response) return result;
    // Remix's data() helper and plain objects.
    const maybe = result as { type?: string; data?: unknown; init?: ResponseInit };
    if (maybe && maybe.type === "DataWithResponseInit") return Response.json(maybe.data, maybe.init ?? {});
    return Response.json(result);
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}
