// Every page is public reference material: crawlers may read it all. No database work here, so
// the benchmark (scripts/bench.ts) also uses this route as the framework floor: the cost of a
// request through Express and Remix with nothing else to do.
const ROBOTS = "User-agent: *\nAllow: /\n";

export function loader() {
  return new Response(ROBOTS, {
    headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "public, max-age=86400" },
  });
}
