import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { formatShare } from "~/components/actor";
import { EditorLink } from "~/components/editor";
import { Empty, ListMeta, Pagination, ParamErrors } from "~/components/list";
import { getDb } from "~/db.server";
import { shareBroken } from "~/models/actors";
import { listVenues, venueListQuerySchema } from "~/models/venues.server";
import { todayUtc } from "~/utils/dates";
import { parseQuery, withQueryStatus } from "~/utils/query.server";

export const meta: MetaFunction = () => [{ title: "Venues · Parley" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { query, errors } = parseQuery(new URL(request.url), venueListQuerySchema);
  const page = await listVenues(await getDb(), query, todayUtc());
  return withQueryStatus({ page, errors }, errors);
}

export default function VenuesPage() {
  const { page, errors } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Venues</h1>
      <EditorLink to="/venues/new">New venue</EditorLink>
      <p className="lede">The cities where the parties met, the rounds held in each, and what the commitments made there became.</p>
      <ParamErrors errors={errors} />
      <ListMeta shown={page.items.length} noun="venue" apiPath="/api/v1/venues" />
      {page.items.length === 0 ? (
        <Empty>No venue is recorded yet.</Empty>
      ) : (
        <div className="table-scroll">
          <table>
            <caption className="sr-only">Venues, by city</caption>
            <thead>
              <tr>
                <th scope="col">City</th>
                <th scope="col">Country</th>
                <th scope="col" className="num">Rounds held</th>
                <th scope="col" className="num">Commitments obtained</th>
                <th scope="col" className="num">Broken</th>
                <th scope="col" className="num">Share broken</th>
              </tr>
            </thead>
            <tbody>
              {page.items.map((v) => (
                <tr key={v.id}>
                  <th scope="row">
                    <Link to={`/venues/${v.slug}`}>{v.city}</Link>
                  </th>
                  <td>{v.country}</td>
                  <td className="num">{v.rounds}</td>
                  <td className="num">{v.commitments}</td>
                  <td className="num">{v.broken}</td>
                  <td className="num">{formatShare(shareBroken(v))}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <p className="muted small">“Broken” means at least one corroborated breach, as of today.</p>
      <Pagination next={page.next} prev={page.prev} />
    </>
  );
}
