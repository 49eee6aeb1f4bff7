import { useRouteLoaderData } from "@remix-run/react";
import type { loader as rootLoader } from "~/root";

/**
 * The hidden CSRF field every POST form carries. The token comes from the root loader once the
 * session has one; the sign-in page, the one form a reader without a session sees, passes the
 * token its own loader created.
 */
export function CsrfInput({ token }: { token?: string }) {
  const root = useRouteLoaderData<typeof rootLoader>("root");
  return <input type="hidden" name="csrf" value={token ?? root?.csrf ?? ""} />;
}
