import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Link } from "~/components/link";
import { EditorLink } from "~/components/record-actions";
import { Empty, ListMeta, Pagination, ParamErrors } from "~/components/list";
import { ScorecardComparison } from "~/components/scorecard";
import { getDb } from "~/db.server";
import { scoredVenuePage } from "~/models/cached.server";
import { venueListQuerySchema } from "~/models/venues.server";
import { todayUtc } from "~/utils/dates";
import { pack, useUnpacked } from "~/utils/packed";
import { parseQuery, withQueryStatus } from "~/utils/query.server";

export const meta: MetaFunction = () => [{ title: "Venues · Parley" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { query, errors } = parseQuery(new URL(request.url), venueListQuerySchema);
  const db = await getDb();
  const asOf = todayUtc();
  const page = await scoredVenuePage(db, request, query, asOf);
  // The kept scorecards as one JSON string (utils/packed.ts).
  return withQueryStatus({ page: pack(page), errors }, errors);
}

export default function VenuesPage() {
  const { page: packed, errors } = useLoaderData<typeof loader>();
  const page = useUnpacked(packed);
  return (
    <>
      <h1>Venues</h1>
      <EditorLink to="/venues/new">New venue</EditorLink>
      <p className="lede">
        The cities where the parties met, side by side: the rounds held in each and how they ended, the commitments made there, how soon
        they were broken and by whom.
      </p>
      <ParamErrors errors={errors} />
      <ListMeta shown={page.items.length} noun="venue" apiPath="/api/v1/venues" />
      {page.items.length === 0 ? (
        <Empty>No venue is recorded yet.</Empty>
      ) : (
        <ScorecardComparison
          subject="City"
          rows={page.items.map((v) => ({
            key: v.slug,
            label: (
              <>
                <Link to={`/venues/${v.slug}`}>{v.city}</Link>
                <div className="muted small">{v.country}</div>
              </>
            ),
            card: v.scorecard,
          }))}
        />
      )}
      <p className="muted small">The Kaplan–Meier median of each city’s commitments is on its own page.</p>
      <Pagination next={page.next} prev={page.prev} />
    </>
  );
}
