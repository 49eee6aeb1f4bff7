import { data, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import {
  isRouteErrorResponse,
  Links,
  Meta,
  NavLink,
  Outlet,
  Scripts,
  ScrollRestoration,
  useRouteError,
  useRouteLoaderData,
} from "@remix-run/react";
import { Link } from "~/components/link";
import type { ReactNode } from "react";
import { sessionState } from "./auth/session.server";
import { AccountNav } from "./components/account";
import { SearchBox } from "./components/search-box";
import styles from "./styles/app.css";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: styles },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export const meta: MetaFunction = () => [{ title: "Parley" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { user, csrf, setCookie } = await sessionState(request);
  return data({ user, csrf }, setCookie ? { headers: { "Set-Cookie": setCookie } } : undefined);
}

const NAV = [
  { to: "/rounds", label: "Rounds" },
  { to: "/commitments", label: "Commitments" },
  { to: "/incidents", label: "Incidents" },
  { to: "/mediators", label: "Mediators" },
  { to: "/parties", label: "Parties" },
  { to: "/venues", label: "Venues" },
  { to: "/sources", label: "Sources" },
  { to: "/analysis", label: "Analysis" },
];

export function Layout({ children }: { children: ReactNode }) {
  const root = useRouteLoaderData<typeof loader>("root");
  return (
    <html lang="en">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        <a className="skip-link" href="#main">
          Skip to content
        </a>
        <header className="site-header">
          <div className="wrap header-inner">
            <Link to="/" className="brand">
              Parley
            </Link>
            <nav aria-label="Main">
              <ul className="nav-list">
                {NAV.map((item) => (
                  <li key={item.to}>
                    <NavLink to={item.to} prefetch="intent">
                      {item.label}
                    </NavLink>
                  </li>
                ))}
              </ul>
            </nav>
            <SearchBox />
            <AccountNav user={root?.user ?? null} />
          </div>
        </header>
        <main id="main" className="wrap" tabIndex={-1}>
          {children}
        </main>
        <footer className="site-footer">
          <div className="wrap">
            Parley records negotiation rounds, commitments and the incidents that broke them, each with its sources.{" "}
            <a href="/api/v1">JSON and CSV API</a>.
          </div>
        </footer>
        <ScrollRestoration />
        <Scripts />
      </body>
    </html>
  );
}

export default function App() {
  return <Outlet />;
}

export function ErrorBoundary() {
  const error = useRouteError();
  if (isRouteErrorResponse(error)) {
    const title =
      error.status === 404 ? "Not found" : error.status === 400 ? "Bad request" : error.status === 403 ? "Not allowed" : `Error ${error.status}`;
    const message =
      typeof error.data === "string" && error.data
        ? error.data
        : error.status === 404
          ? "There is no page at this address. It may have been mistyped, or the record was removed."
          : error.statusText;
    return (
      <section className="error-page">
        <h1>{title}</h1>
        <p>{message}</p>
        <p>
          <Link to="/">Go to the overview</Link>
        </p>
      </section>
    );
  }
  console.error(error);
  return (
    <section className="error-page">
      <h1>Something went wrong</h1>
      <p>Parley could not show this page. The error has been logged.</p>
      <p>
        <Link to="/">Go to the overview</Link>
      </p>
    </section>
  );
}
