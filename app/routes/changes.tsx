import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData, useLocation } from "@remix-run/react";
import { Link } from "~/components/link";
import { RECORD_TYPES, REVISION_ACTIONS, enumLabel } from "@db/enums";
import { Empty, FilterForm, Pagination, ParamErrors, SelectFilter } from "~/components/list";
import { getDb } from "~/db.server";
import { changesQuerySchema, editorsWhoChanged, listChanges } from "~/models/history/history.server";
import { parseQuery, withQueryStatus } from "~/utils/query.server";

export const meta: MetaFunction = ({ location }) => [
  { title: "Recent changes · Parley" },
  { tagName: "link", rel: "alternate", type: "application/atom+xml", title: "Parley: recent changes", href: `/changes.atom${location.search}` },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const { query, errors } = parseQuery(new URL(request.url), changesQuerySchema);
  const db = await getDb();
  const [page, editors] = await Promise.all([listChanges(db, query), editorsWhoChanged(db)]);
  return withQueryStatus({ page, editors, query, errors }, errors);
}

export default function ChangesPage() {
  const { page, editors, query, errors } = useLoaderData<typeof loader>();
  const { search } = useLocation();
  return (
    <>
      <h1>Recent changes</h1>
      <p className="lede">
        Every change to every record, newest first: who made it, when, and why. Each links to the record's history, where any two versions
        can be compared.
      </p>
      <ParamErrors errors={errors} />
      <FilterForm legend="Filter changes" resetTo="/changes">
        <SelectFilter name="type" label="Record type" value={query.type} options={RECORD_TYPES} errors={errors} />
        <SelectFilter name="action" label="Kind of change" value={query.action} options={REVISION_ACTIONS} errors={errors} />
        <SelectFilter
          name="editor"
          label="Editor"
          value={query.editor ? String(query.editor) : undefined}
          options={editors.map((e) => ({ value: String(e.id), label: e.name }))}
          errors={errors}
        />
      </FilterForm>
      <p className="downloads">
        <a href={`/changes.atom${search}`}>Atom feed of these changes</a> · <Link to="/deleted">Deleted records</Link>
      </p>
      {page.items.length === 0 ? (
        <Empty>No change matches these filters.</Empty>
      ) : (
        <div className="table-scroll">
          <table>
            <thead>
              <tr>
                <th scope="col">When (UTC)</th>
                <th scope="col">Record</th>
                <th scope="col">Change</th>
                <th scope="col">Who</th>
                <th scope="col">History</th>
              </tr>
            </thead>
            <tbody>
              {page.items.map((c) => (
                <tr key={c.id}>
                  <td>
                    <time dateTime={c.createdAt}>{c.createdAt.slice(0, 16).replace("T", " ")}</time>
                  </td>
                  <th scope="row">
                    {enumLabel(c.recordType)}: {c.action === "delete" ? c.title : <Link to={c.path}>{c.title}</Link>}
                  </th>
                  <td>
                    {enumLabel(c.action)} — {c.summary}
                  </td>
                  <td>{c.userName ?? "Data import"}</td>
                  <td>
                    <Link to={`/history/${c.recordType}/${c.recordId}?to=${c.id}`} aria-label={`History of ${c.title}, revision ${c.id}`}>
                      #{c.id}
                    </Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pagination next={page.next} prev={page.prev} />
    </>
  );
}
