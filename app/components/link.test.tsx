import { Link as RemixLink } from "@remix-run/react";
import type { ReactNode } from "react";
import { renderToString } from "react-dom/server";
import { Route, Routes } from "react-router-dom";
import { StaticRouter } from "react-router-dom/server";
import { expect, it } from "vitest";
import { isPlainPath, Link } from "./link";

/** Server markup of `link`, rendered on the page of a round. */
function render(link: ReactNode, at = "/rounds/doha-1") {
  return renderToString(
    <StaticRouter location={at}>
      <Routes>
        <Route path="rounds/:slug" element={link} />
      </Routes>
    </StaticRouter>,
  );
}

it("writes on the server exactly the markup Remix's Link writes, so the browser hydrates it with Link", () => {
  const targets = [
    "/",
    "/rounds",
    "/rounds/doha-1",
    "/incidents?kind=cross_border_fire&province=Khyber%20Pakhtunkhwa",
    "/analysis?per=week#survival",
    "/commitments/42",
    "/venues/ras-al-khaimah",
  ];
  for (const to of targets) {
    expect(isPlainPath(to), to).toBe(true);
    for (const props of [{}, { className: "badge", "aria-label": "Open", title: "x" }]) {
      expect(render(<Link to={to} {...props}>Doha</Link>), to).toBe(render(<RemixLink to={to} {...props}>Doha</RemixLink>));
    }
  }
});

it("leaves to Remix's Link whatever needs resolving or its behaviour", () => {
  for (const to of ["rounds", "../rounds", "//evil.example/x", "/rounds/", "/a/../b", "/a/./b", "/./b", "/../b", "/a/..", "/a//b", "https://example.org/x"]) {
    expect(isPlainPath(to), to).toBe(false);
    // Same markup either way: those links are Remix's own.
    expect(render(<Link to={to}>x</Link>, "/rounds/doha-1")).toBe(render(<RemixLink to={to}>x</RemixLink>, "/rounds/doha-1"));
  }
  expect(isPlainPath({ pathname: "/rounds" })).toBe(false);
  for (const props of [{ reloadDocument: true }, { discover: "none" as const }, { state: { from: "x" } }, { replace: true }]) {
    expect(render(<Link to="/rounds" {...props}>x</Link>)).toBe(render(<RemixLink to="/rounds" {...props}>x</RemixLink>));
  }
});
