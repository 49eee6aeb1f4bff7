// The server matches every request with @remix-run/router, patched (patches/, decision 0007) to keep
// each route tree's ranking and each path's compiled pattern instead of rebuilding them per match.
// These tests hold the patched matcher to what Remix promises: the same answers, call after call.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { afterEach, describe, expect, it, vi } from "vitest";

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

// Remix builds its server routes, and React Router its data routes, from the build's manifest; the
// patches to @remix-run/react and react-router-dom keep them per manifest instead of per request.
describe("document rendering with the routes kept between requests", () => {
  const remixReact: typeof import("@remix-run/react") = require("@remix-run/react");
  const { createRequestHandler }: typeof import("@remix-run/server-runtime") = require("@remix-run/server-runtime");
  const { renderToString }: typeof import("react-dom/server") = require("react-dom/server");
  const { createElement: h } = require("react") as typeof import("react");
  type ServerBuild = import("@remix-run/server-runtime").ServerBuild;

  afterEach(() => {
    vi.restoreAllMocks();
  });

  it("are the patched builds", () => {
    for (const [pkg, file] of [
      ["@remix-run/react", "@remix-run/react/dist/server.js"],
      ["react-router-dom", "react-router-dom/server.js"],
    ]) {
      expect(readFileSync(require.resolve(file), "utf8"), pkg).toContain("Parley patch");
    }
  });

  // A build of two pages, "/" and "/about", whose components say which build they belong to.
  const manifestRoutes = {
    root: { id: "root", path: "", module: "/root.js", hasAction: false, hasLoader: false, hasClientAction: false, hasClientLoader: false, hasErrorBoundary: false },
    home: { id: "home", parentId: "root", index: true, module: "/home.js", hasAction: false, hasLoader: false, hasClientAction: false, hasClientLoader: false, hasErrorBoundary: false },
    about: { id: "about", parentId: "root", path: "about", module: "/about.js", hasAction: false, hasLoader: true, hasClientAction: false, hasClientLoader: false, hasErrorBoundary: false },
  };
  // Shared by every build, as the manifest is: only the modules tell the builds apart.
  const future = { v3_fetcherPersist: false, v3_relativeSplatPath: false, v3_throwAbortReason: false, v3_routeConfig: false, v3_singleFetch: false, v3_lazyRouteDiscovery: false, unstable_optimizeDeps: false };
  function build(label: string, assetsRoutes = manifestRoutes): ServerBuild {
    const page = (name: string) => ({ default: () => h("p", null, `${label}: ${name}`) });
    const routes = {
      root: { id: "root", path: "", module: { default: () => h("main", null, h(remixReact.Outlet)) } },
      home: { id: "home", parentId: "root", index: true, module: page("home") },
      about: { id: "about", parentId: "root", path: "about", module: { ...page("about"), loader: () => ({ label }) } },
    };
    return {
      mode: "production",
      entry: {
        module: {
          default: (request: Request, status: number, headers: Headers, context: import("@remix-run/server-runtime").EntryContext) =>
            new Response(renderToString(h(remixReact.RemixServer, { context, url: request.url })), { status, headers }),
        },
      },
      routes,
      assets: { entry: { module: "/entry.js", imports: [] }, routes: assetsRoutes, url: "/manifest.js", version: "1" },
      publicPath: "/build/",
      assetsBuildDirectory: "public/build",
      future,
      isSpaMode: false,
    } as unknown as ServerBuild;
  }
  const render = async (b: ServerBuild, path: string) => {
    const html = await (await createRequestHandler(b)(new Request(`http://parley.test${path}`))).text();
    return html.match(/<p>([^<]*)<\/p>/)?.[1];
  };

  it("renders each page by its own route, request after request", async () => {
    const first = build("first");
    for (let round = 0; round < 3; round++) {
      expect(await render(first, "/")).toBe("first: home");
      expect(await render(first, "/about")).toBe("first: about");
    }
  });

  it("renders a new build's modules even when its manifest is the same object (a reload in development)", async () => {
    expect(await render(build("old"), "/about")).toBe("old: about");
    expect(await render(build("new"), "/about")).toBe("new: about");
    expect(await render(build("new"), "/")).toBe("new: home");
  });

  it("renders by a new manifest's routes", async () => {
    vi.spyOn(console, "error").mockImplementation(() => {}); // Remix logs the 404
    expect(await render(build("before"), "/about")).toBe("before: about");
    const { about: _dropped, ...withoutAbout } = manifestRoutes;
    const smaller = build("after", withoutAbout as typeof manifestRoutes);
    smaller.routes = { root: smaller.routes.root, home: smaller.routes.home } as ServerBuild["routes"];
    expect((await createRequestHandler(smaller)(new Request("http://parley.test/about"))).status).toBe(404);
    expect(await render(smaller, "/")).toBe("after: home");
  });
});
