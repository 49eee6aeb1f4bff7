import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Link } from "~/components/link";
import { enumLabel, SOURCE_KINDS } from "@db/enums";
import { EditorLink } from "~/components/record-actions";
import { DateFilter, Empty, FilterForm, ListMeta, Pagination, ParamErrors, SelectFilter } from "~/components/list";
import { getDb } from "~/db.server";
import { sourceChoices } from "~/models/cached.server";
import { listSources, sourceListQuerySchema } from "~/models/sources.server";
import { formatDate } from "~/utils/dates";
import { parseQuery, withQueryStatus } from "~/utils/query.server";

export const meta: MetaFunction = () => [{ title: "Sources · Parley" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { query, errors } = parseQuery(new URL(request.url), sourceListQuerySchema);
  const db = await getDb();
  const [page, options] = await Promise.all([listSources(db, query), sourceChoices(db, request)]);
  return withQueryStatus({ page, options, query, errors }, errors);
}

export default function SourcesPage() {
  const { page, options, query, errors } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Sources</h1>
      <EditorLink to="/sources/new">New source</EditorLink>
      <p className="lede">The documents Parley’s records rest on: reports, official statements, analyses. Each page lists what cites it.</p>
      <ParamErrors errors={errors} />
      <FilterForm legend="Filter sources" resetTo="/sources">
        <SelectFilter name="kind" label="Kind" value={query.kind} options={SOURCE_KINDS} errors={errors} />
        <SelectFilter name="publisher" label="Publisher" value={query.publisher} options={options.publishers.map((p) => ({ value: p, label: p }))} errors={errors} />
        <DateFilter name="from" label="Published from" value={query.from} errors={errors} />
        <DateFilter name="to" label="Published to" value={query.to} errors={errors} />
        <SelectFilter
          name="sort"
          label="Sort"
          value={query.sort === "date-desc" ? undefined : query.sort}
          anyLabel="Newest first"
          options={[{ value: "date-asc", label: "Oldest first" }]}
          errors={errors}
        />
      </FilterForm>
      <ListMeta shown={page.items.length} noun="source" apiPath="/api/v1/sources" />
      {page.items.length === 0 ? (
        <Empty>No source matches these filters.</Empty>
      ) : (
        <div className="table-scroll">
          <table>
            <caption className="sr-only">Sources, {query.sort === "date-asc" ? "oldest" : "newest"} first; undated sources last</caption>
            <thead>
              <tr>
                <th scope="col">Title</th>
                <th scope="col">Publisher</th>
                <th scope="col">Published</th>
                <th scope="col">Kind</th>
              </tr>
            </thead>
            <tbody>
              {page.items.map((s) => (
                <tr key={s.id}>
                  <th scope="row">
                    <Link to={`/sources/${s.id}`}>{s.title}</Link>
                    {s.author ? <div className="muted small">{s.author}</div> : null}
                  </th>
                  <td>{s.publisher}</td>
                  <td>{s.publishedOn ? formatDate(s.publishedOn, s.datePrecision) : <span className="muted">undated</span>}</td>
                  <td>{enumLabel(s.kind)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <p className="muted small">Sources without a publication date come last in either order, and a date filter leaves them out.</p>
      <Pagination next={page.next} prev={page.prev} />
    </>
  );
}
