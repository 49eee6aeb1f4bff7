// The server matches every request with @remix-run/router, patched (patches/, decision 0007) to keep
// each route tree's ranking and each path's compiled pattern instead of rebuilding them per match.
// These tests hold the patched matcher to what Remix promises: the same answers, call after call.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";

// The file the server loads: Node resolves the package's `main`, the CommonJS build.
const require = createRequire(import.meta.url);
const routerPath = require.resolve("@remix-run/router");
const router: typeof import("@remix-run/router") = require("@remix-run/router");

type Route = import("@remix-run/router").AgnosticRouteObject;

function tree(): Route[] {
  return [
    {
      id: "root",
      path: "",
      children: [
        { id: "home", index: true },
        { id: "incidents", path: "incidents" },
        { id: "incident", path: "incidents/:id" },
        { id: "incident-new", path: "incidents/new" },
        { id: "incident-edit", path: "incidents/:id/edit" },
        { id: "chart-csv", path: "analysis/:chart.csv" },
        { id: "Case", path: "Exact", caseSensitive: true },
        { id: "rest", path: "*" },
      ],
    },
  ];
}

function leaf(routes: Route[], path: string) {
  const matches = router.matchRoutes(routes, path);
  const last = matches?.at(-1);
  return last ? { id: last.route.id, params: last.params } : null;
}

describe("route matching on the server", () => {
  it("is the patched build", () => {
    // Without it (npm install skipped postinstall) pages still work but cost about a millisecond more each.
    expect(routerPath).toMatch(/router\.cjs\.js$/);
    expect(readFileSync(routerPath, "utf8")).toContain("Parley patch");
  });

  it("gives the same answers when the same tree is matched again and again", () => {
    const routes = tree();
    for (let round = 0; round < 3; round++) {
      expect(leaf(routes, "/")).toEqual({ id: "home", params: {} });
      expect(leaf(routes, "/incidents")).toEqual({ id: "incidents", params: {} });
      // A static segment outranks a parameter, whichever was matched first.
      expect(leaf(routes, "/incidents/42")).toEqual({ id: "incident", params: { id: "42" } });
      expect(leaf(routes, "/incidents/new")).toEqual({ id: "incident-new", params: {} });
      expect(leaf(routes, "/incidents/42/edit")).toEqual({ id: "incident-edit", params: { id: "42" } });
      expect(leaf(routes, "/INCIDENTS/7/")).toEqual({ id: "incident", params: { id: "7" } });
      expect(leaf(routes, "/analysis/breaches.csv")?.id).toBe("chart-csv");
      expect(leaf(routes, "/Exact")?.id).toBe("Case");
      expect(leaf(routes, "/exact")).toEqual({ id: "rest", params: { "*": "exact" } });
      expect(leaf(routes, "/no/such/page")).toEqual({ id: "rest", params: { "*": "no/such/page" } });
    }
  });

  it("answers for a different tree by that tree, not by one matched before", () => {
    const first = tree();
    expect(leaf(first, "/incidents/new")?.id).toBe("incident-new");
    const second = tree();
    second[0].children = second[0].children!.filter((r) => r.id !== "incident-new");
    expect(leaf(second, "/incidents/new")).toEqual({ id: "incident", params: { id: "new" } });
    expect(leaf(first, "/incidents/new")?.id).toBe("incident-new");
  });

  it("compiles each pattern once but matches each path afresh", () => {
    expect(router.matchPath("/incidents/:id", "/incidents/1")?.params).toEqual({ id: "1" });
    expect(router.matchPath("/incidents/:id", "/incidents/2")?.params).toEqual({ id: "2" });
    expect(router.matchPath({ path: "/incidents", end: false }, "/incidents/2")?.pathnameBase).toBe("/incidents");
    expect(router.matchPath({ path: "/incidents", end: true }, "/incidents/2")).toBeNull();
    expect(router.matchPath({ path: "/Exact", caseSensitive: true }, "/exact")).toBeNull();
    expect(router.matchPath({ path: "/Exact", caseSensitive: false }, "/exact")).not.toBeNull();
  });

  it("sees routes added while the router runs (lazy route discovery)", async () => {
    const history = router.createMemoryHistory({ initialEntries: ["/"] });
    const app = router
      .createRouter({
        history,
        routes: [{ id: "root", path: "/", children: [{ id: "home", index: true }] }],
        patchRoutesOnNavigation: ({ path, patch }) => {
          if (path === "/late") patch("root", [{ id: "late", path: "late" }]);
        },
      })
      .initialize();
    // The root's tree has been matched (and ranked) before the new route arrives.
    expect(app.state.matches.at(-1)?.route.id).toBe("home");
    await app.navigate("/late");
    expect(app.state.matches.at(-1)?.route.id).toBe("late");
    app.dispose();
  });
});
