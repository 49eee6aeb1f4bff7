import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { Link } from "~/components/link";
import { RECORD_TYPES, enumLabel } from "@db/enums";
import { getUser } from "~/auth/session.server";
import { CsrfInput } from "~/components/csrf";
import { Empty, FilterForm, ParamErrors, SelectFilter } from "~/components/list";
import { getDb } from "~/db.server";
import { historyAction } from "~/models/history/actions.server";
import { deletedQuerySchema, listDeleted } from "~/models/history/history.server";
import { parseQuery, withQueryStatus } from "~/utils/query.server";

export const meta: MetaFunction = () => [{ title: "Deleted records · Parley" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { query, errors } = parseQuery(new URL(request.url), deletedQuerySchema);
  const db = await getDb();
  const [items, user] = await Promise.all([listDeleted(db, query.type), getUser(request)]);
  return withQueryStatus({ items, query, errors, canEdit: Boolean(user) }, errors);
}

export async function action({ request }: ActionFunctionArgs) {
  return historyAction(request);
}

export default function DeletedPage() {
  const { items, query, errors, canEdit } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <>
      <h1>Deleted records</h1>
      <p className="lede">Deleted records are hidden from readers but never lost: each keeps its history and can be restored.</p>
      {actionData && "error" in actionData ? (
        <div className="alert" role="alert">
          <p>{actionData.error}</p>
        </div>
      ) : null}
      <ParamErrors errors={errors} />
      <FilterForm legend="Filter deleted records" resetTo="/deleted">
        <SelectFilter name="type" label="Record type" value={query.type} options={RECORD_TYPES} errors={errors} />
      </FilterForm>
      {items.length === 0 ? (
        <Empty>Nothing has been deleted.</Empty>
      ) : (
        <div className="table-scroll">
          <table>
            <thead>
              <tr>
                <th scope="col">Record</th>
                <th scope="col">Deleted (UTC)</th>
                <th scope="col">By, and why</th>
                <th scope="col">History</th>
                {canEdit ? <th scope="col">Restore</th> : null}
              </tr>
            </thead>
            <tbody>
              {items.map((d) => (
                <tr key={`${d.recordType}-${d.recordId}`}>
                  <th scope="row">
                    {enumLabel(d.recordType)}: {d.title}
                  </th>
                  <td>{d.deletedAt.slice(0, 16).replace("T", " ")}</td>
                  <td>
                    {d.userName ?? "—"}
                    {d.summary ? `: ${d.summary}` : ""}
                  </td>
                  <td>
                    <Link to={`/history/${d.recordType}/${d.recordId}`}>History</Link>
                  </td>
                  {canEdit ? (
                    <td>
                      <Form method="post">
                        <CsrfInput />
                        <input type="hidden" name="intent" value="undelete" />
                        <input type="hidden" name="type" value={d.recordType} />
                        <input type="hidden" name="id" value={d.recordId} />
                        <input type="hidden" name="version" value={d.version} />
                        <button type="submit" className="secondary" aria-label={`Restore ${d.title}`}>
                          Restore
                        </button>
                      </Form>
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
