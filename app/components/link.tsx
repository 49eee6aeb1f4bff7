import { Link as RemixLink, type LinkProps } from "@remix-run/react";
import { forwardRef } from "react";

// In the browser this is Remix's <Link>. On the server, a link to a plain absolute path is written
// straight as the markup Remix's Link gives it (<a data-discover="true" href>), which the browser
// then hydrates with the real Link. Link resolved every href against the route matches (useHref)
// and set up prefetching and click handling the server never uses: about 12 of the 66 ms of CPU
// the analysis page (a thousand links in its tables) cost per request, and a millisecond or two of
// every list and record page. Anything else (a relative path, an object, prefetching, state…) goes
// through Remix's Link on both sides.
const onServer = typeof document === "undefined";

/** An absolute path with nothing for React Router to resolve: no "//", no "." or ".." segment. */
export function isPlainPath(to: LinkProps["to"]): to is string {
  if (typeof to !== "string" || !to.startsWith("/") || to.startsWith("//")) return false;
  const path = to.split(/[?#]/, 1)[0];
  const trailingSlash = path.length > 1 && path.endsWith("/");
  return !/\/\/|\/\.\.?(\/|$)/.test(path) && !trailingSlash && !/\s/.test(to);
}

export const Link = forwardRef<HTMLAnchorElement, LinkProps>(function Link(props, ref) {
  const { to, prefetch, discover, reloadDocument, replace, state, preventScrollReset, relative, viewTransition, ...rest } = props;
  const plain = onServer && isPlainPath(to) && (prefetch ?? "none") === "none" && (discover ?? "render") === "render";
  if (plain && !reloadDocument && replace === undefined && state === undefined && preventScrollReset === undefined && relative === undefined && viewTransition === undefined) {
    return <a {...rest} ref={ref} data-discover="true" href={to} />;
  }
  return <RemixLink ref={ref} {...props} />;
});
