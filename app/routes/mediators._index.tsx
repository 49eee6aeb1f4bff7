import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Link } from "~/components/link";
import { enumLabel } from "@db/enums";
import { Empty, FilterForm, ListMeta, Pagination, ParamErrors, SelectFilter } from "~/components/list";
import { ScorecardComparison } from "~/components/scorecard";
import { getDb } from "~/db.server";
import { mediatorListQuerySchema } from "~/models/actors.server";
import { scoredMediatorPage } from "~/models/cached.server";
import { todayUtc } from "~/utils/dates";
import { pack, useUnpacked } from "~/utils/packed";
import { parseQuery, withQueryStatus } from "~/utils/query.server";

export const meta: MetaFunction = () => [{ title: "Mediators · Parley" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { query, errors } = parseQuery(new URL(request.url), mediatorListQuerySchema);
  const db = await getDb();
  const asOf = todayUtc();
  const page = await scoredMediatorPage(db, request, query, asOf);
  // The kept scorecards as one JSON string (utils/packed.ts).
  return withQueryStatus({ page: pack(page), query, errors }, errors);
}

export default function MediatorsPage() {
  const { page: packed, query, errors } = useLoaderData<typeof loader>();
  const page = useUnpacked(packed);
  return (
    <>
      <h1>Mediators</h1>
      <p className="lede">
        Everyone who mediated or hosted a round, side by side: how those rounds ended, the commitments obtained there, how soon they
        were broken and by whom, as of today.
      </p>
      <ParamErrors errors={errors} />
      <FilterForm legend="Sort mediators" resetTo="/mediators">
        <SelectFilter
          name="sort"
          label="Sort"
          value={query.sort === "name-asc" ? undefined : query.sort}
          anyLabel="Name A–Z"
          options={[
            { value: "rounds-desc", label: "Most rounds" },
            { value: "commitments-desc", label: "Most commitments obtained" },
          ]}
          errors={errors}
        />
      </FilterForm>
      <ListMeta shown={page.items.length} noun="mediator" apiPath="/api/v1/mediators" />
      {page.items.length === 0 ? (
        <Empty>No round has a recorded mediator or host yet.</Empty>
      ) : (
        <ScorecardComparison
          subject="Mediator"
          km
          extraHeaders={["Mediated", "Hosted"]}
          rows={page.items.map((m) => ({
            key: m.slug,
            label: (
              <>
                <Link to={`/mediators/${m.slug}`}>{m.name}</Link>
                <div className="muted small">{enumLabel(m.kind)}</div>
              </>
            ),
            card: m.scorecard,
            km: m.kmMedian,
            extra: [
              <Link key="mediated" to={`/rounds?mediator=${m.slug}`} aria-label={`${m.roundsMediated} rounds mediated by ${m.name}`}>
                {m.roundsMediated}
              </Link>,
              m.roundsHosted,
            ],
          }))}
        />
      )}
      <p className="muted small">
        A round both mediated and hosted by the same actor counts once among its rounds and commitments. The Kaplan–Meier median comes
        from the survival analysis, which follows the rounds an actor mediated (not those it only hosted): it is shown only where that
        curve counts every commitment in the row.
      </p>
      <Pagination next={page.next} prev={page.prev} />
    </>
  );
}
