import type { MetaFunction } from "@remix-run/node";
import { Link } from "~/components/link";

export const meta: MetaFunction = () => [{ title: "API · Parley" }];

const ENDPOINTS: { path: string; filters: string; item: string }[] = [
  { path: "/api/v1/rounds", filters: "from, to, process, venue, mediator, party, outcome, sort (date-desc, date-asc, title-asc)", item: "/api/v1/rounds/{id or slug}" },
  { path: "/api/v1/commitments", filters: "from, to, process, round, party, mediator, venue, kind, status, sort", item: "/api/v1/commitments/{id}" },
  { path: "/api/v1/incidents", filters: "from, to, kind, country, province, perpetrator, breached, commitment, sort", item: "/api/v1/incidents/{id}" },
  { path: "/api/v1/breaches", filters: "commitment, incident, assessment, responsible, alleged-by, from, to", item: "/api/v1/breaches/{id}" },
  { path: "/api/v1/actors", filters: "kind, role, q", item: "/api/v1/actors/{id or slug}" },
  { path: "/api/v1/mediators", filters: "sort (name-asc, rounds-desc, commitments-desc) — with rounds, commitments obtained and broken", item: "/api/v1/actors/{id or slug}" },
  { path: "/api/v1/parties", filters: "sort (name-asc, rounds-desc, breaches-desc) — with rounds, commitments and breaches", item: "/api/v1/actors/{id or slug}" },
  { path: "/api/v1/venues", filters: "—", item: "/api/v1/venues/{id or slug}" },
  { path: "/api/v1/search", filters: "q (required), type (round, commitment, incident, actor, venue, source), page", item: "—" },
  { path: "/api/v1/sources", filters: "kind, publisher, from, to, sort (date-desc, date-asc)", item: "/api/v1/sources/{id}" },
];

export default function ApiIndex() {
  return (
    <article className="prose">
      <h1>The Parley API</h1>
      <p>
        Everything Parley shows is available as JSON and CSV, read-only, without a key. The filters are the same URL parameters the list
        pages use, so a filtered page's address becomes an API call by putting <code>/api/v1</code> in front of it.
      </p>
      <h2>Conventions</h2>
      <ul>
        <li>Field names are camelCase; dates are <code>YYYY-MM-DD</code>, with a precision field where a date is known only to the month or year.</li>
        <li>
          Lists answer <code>{"{ data: [...], links: { next, prev } }"}</code>. Follow <code>links.next</code> to page on: pages are cursor-based
          (<code>after</code>, <code>before</code>) and <code>limit</code> takes 1 to 200 (default 25).
        </li>
        <li>
          Add <code>format=csv</code> to any list for a CSV file of <em>every</em> matching row (UTF-8 with a byte-order mark, for spreadsheets).
        </li>
        <li>
          A bad parameter answers <code>400</code> with <code>{"{ error, message, issues: [{ parameter, message }] }"}</code>; an unknown record
          answers <code>404</code>. Unknown parameters are refused, not ignored, so a mistyped filter cannot silently return everything.
        </li>
        <li>Commitment statuses are derived as of today from the recorded breaches and dates.</li>
        <li>
          A commitment item lists its first 30 breaches in the order the incidents happened (the earliest decide its status);{" "}
          <code>breachTotal</code> counts them all and <code>links.breaches</code> pages through every one.
        </li>
      </ul>
      <h2>Endpoints</h2>
      <div className="table-scroll">
        <table>
          <thead>
            <tr>
              <th scope="col">List</th>
              <th scope="col">Filters</th>
              <th scope="col">One record</th>
            </tr>
          </thead>
          <tbody>
            {ENDPOINTS.map((e) => (
              <tr key={e.path}>
                <th scope="row">
                  <a href={e.path}>{e.path}</a>
                </th>
                <td>{e.filters}</td>
                <td>
                  <code>{e.item}</code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p>
        Example: <a href="/api/v1/rounds?mediator=qatar&format=csv">rounds mediated by Qatar, as CSV</a>. Back to <Link to="/">the overview</Link>.
      </p>
    </article>
  );
}
