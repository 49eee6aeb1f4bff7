import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Link } from "~/components/link";
import { COMMITMENT_STATUSES, enumLabel } from "@db/enums";
import { OutcomeBadge, StatusBadge } from "~/components/badges";
import { getDb } from "~/db.server";
import { getOverview } from "~/models/overview.server";
import { formatDate, todayUtc } from "~/utils/dates";

export const meta: MetaFunction = () => [
  { title: "Parley — negotiation rounds, commitments and the incidents that broke them" },
  { name: "description", content: "Who mediated, where the parties met, what each side committed to, and which incidents broke those commitments — with sources." },
];

export async function loader(_: LoaderFunctionArgs) {
  const asOf = todayUtc();
  return { overview: await getOverview(await getDb(), asOf), asOf };
}

export default function Index() {
  const { overview, asOf } = useLoaderData<typeof loader>();
  const { counts } = overview;
  const broken = overview.statusCounts.find((s) => s.status === "broken")?.count ?? 0;
  const statuses = COMMITMENT_STATUSES.map((status) => ({
    status,
    count: overview.statusCounts.find((s) => s.status === status)?.count ?? 0,
  })).filter((s) => s.count > 0);
  return (
    <>
      <h1>Parley</h1>
      <p className="lede">
        A record of negotiation rounds — who mediated, where the parties met, what each side committed to — and of the incidents that
        broke those commitments, every fact tied to its sources.
        {overview.span.first ? (
          <>
            {" "}
            Incidents recorded from {formatDate(overview.span.first)} to {formatDate(overview.span.last)}.
          </>
        ) : null}
      </p>

      <section aria-labelledby="holdings">
        <h2 id="holdings">What Parley holds</h2>
        <ul className="cards">
          <li className="card">
            <Link to="/rounds">
              <span className="figure">{counts.rounds}</span> rounds
            </Link>
          </li>
          <li className="card">
            <Link to="/commitments">
              <span className="figure">{counts.commitments}</span> commitments
            </Link>
            <div>
              <Link to="/commitments?status=broken">{broken} broken</Link>
            </div>
          </li>
          <li className="card">
            <Link to="/incidents">
              <span className="figure">{counts.incidents}</span> incidents
            </Link>
            <div className="muted">{counts.claims} casualty claims</div>
          </li>
          <li className="card">
            <Link to="/api/v1/breaches">
              <span className="figure">{counts.breaches}</span> breaches
            </Link>
            <div className="muted">commitment ↔ incident links</div>
          </li>
          <li className="card">
            <Link to="/sources">
              <span className="figure">{counts.sources}</span> sources
            </Link>
          </li>
        </ul>
      </section>

      <section aria-labelledby="commitment-status">
        <h2 id="commitment-status">Commitments by status</h2>
        <p className="muted small">Derived from the recorded breaches and dates, as of {formatDate(asOf)}.</p>
        <ul className="cards">
          {statuses.map((s) => (
            <li className="card" key={s.status}>
              <Link to={`/commitments?status=${s.status}`}>
                <span className="figure">{s.count}</span>
              </Link>{" "}
              <StatusBadge status={s.status} />
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="latest-rounds">
        <h2 id="latest-rounds">Latest rounds</h2>
        <ul>
          {overview.latestRounds.map((r) => (
            <li key={r.slug}>
              <Link to={`/rounds/${r.slug}`}>{r.title}</Link> — {formatDate(r.startDate, r.startPrecision)}
              {r.venueCity ? `, ${r.venueCity}` : ""} <OutcomeBadge outcome={r.outcome} />
            </li>
          ))}
        </ul>
        <p>
          <Link to="/rounds">All rounds</Link>
        </p>
      </section>

      <section aria-labelledby="latest-incidents">
        <h2 id="latest-incidents">Latest incidents</h2>
        <ul>
          {overview.latestIncidents.map((i) => (
            <li key={i.id}>
              <Link to={`/incidents/${i.id}`}>{i.title}</Link> — {formatDate(i.occurredOn, i.datePrecision)}, {enumLabel(i.kind).toLowerCase()}
              {i.province ? `, ${i.province}` : ""}
            </li>
          ))}
        </ul>
        <p>
          <Link to="/incidents">All incidents</Link>
        </p>
      </section>
    </>
  );
}
