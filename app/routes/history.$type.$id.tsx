import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Link } from "~/components/link";
import { enumLabel } from "@db/enums";
import { getUser } from "~/auth/session.server";
import { CsrfInput } from "~/components/csrf";
import { Breadcrumbs } from "~/components/record";
import { getDb } from "~/db.server";
import { historyAction } from "~/models/history/actions.server";
import { diffSnapshots } from "~/models/history/diff";
import { historyCompareSchema, historyParamsSchema, nameLookup, recordHistory } from "~/models/history/history.server";
import { RECORDS } from "~/models/history/registry.server";
import { parseQuery, withQueryStatus } from "~/utils/query.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `History of ${data.title} · Parley` : "History · Parley" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const p = historyParamsSchema.safeParse(params);
  if (!p.success) throw new Response("There is no such record.", { status: 404 });
  const { type, id } = p.data;
  const db = await getDb();
  const [revisions, user] = await Promise.all([recordHistory(db, type, id), getUser(request)]);
  if (!revisions.length) throw new Response(`No ${type} #${id} has a history here.`, { status: 404 });
  const { query, errors } = parseQuery(new URL(request.url), historyCompareSchema);
  // Default: the newest revision against the one before it.
  const to = revisions.find((r) => r.id === query.to) ?? revisions[0];
  const from = revisions.find((r) => r.id === query.from) ?? revisions[revisions.indexOf(to) + 1] ?? null;
  const older = from && from.id < to.id ? from : to;
  const newer = from && from.id < to.id ? to : from;
  const olderSnap = older ? (older.after ?? older.before) : null;
  const newerSnap = newer ? (newer.after ?? newer.before) : null;
  const nameOf = await nameLookup(db, [olderSnap, newerSnap]);
  const diff = diffSnapshots(newer ? olderSnap : null, newer ? newerSnap : olderSnap, nameOf);
  const current = revisions[0].after ?? revisions[0].before;
  const def = RECORDS[type];
  const row = { id, ...(current?.fields ?? {}) };
  return withQueryStatus(
    {
      type,
      id,
      title: def.title(row),
      path: def.path(row),
      deleted: Boolean(current?.deleted_at),
      currentVersion: current?.version ?? 1,
      canEdit: Boolean(user),
      revisions: revisions.map(({ before: _b, after: _a, ...r }) => r),
      compared: { from: newer ? older.id : null, to: (newer ?? older).id },
      diff,
      errors,
    },
    errors,
  );
}

export async function action({ request }: ActionFunctionArgs) {
  return historyAction(request);
}

export default function HistoryPage() {
  const h = useLoaderData<typeof loader>();
  // A version other than the current one, that a record can go back to.
  const restorable = (r: (typeof h.revisions)[number]) => Boolean(r.version) && r.version !== h.currentVersion && r.action !== "delete";
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  return (
    <article>
      <Breadcrumbs trail={[{ to: "/changes", label: "Changes" }, { to: h.deleted ? undefined : h.path, label: h.title }, { label: "History" }]} />
      <h1>History of {h.title}</h1>
      <p className="muted">
        {enumLabel(h.type)} #{h.id}, now at version {h.currentVersion}
        {h.deleted ? " — deleted; readers no longer see it" : ""}. {h.deleted ? null : <Link to={h.path}>See the record</Link>}
      </p>
      {actionData && "error" in actionData ? (
        <div className="alert" role="alert">
          <p>{actionData.error}</p>
        </div>
      ) : null}
      {h.deleted && h.canEdit ? (
        <Form method="post" className="filters">
          <CsrfInput />
          <input type="hidden" name="intent" value="undelete" />
          <input type="hidden" name="type" value={h.type} />
          <input type="hidden" name="id" value={h.id} />
          <input type="hidden" name="version" value={h.currentVersion} />
          <button type="submit" disabled={busy}>
            Restore this {h.type}
          </button>
        </Form>
      ) : null}

      <section aria-labelledby="compare-heading">
        <h2 id="compare-heading">
          {h.compared.from ? `Changes from revision #${h.compared.from} to #${h.compared.to}` : `Revision #${h.compared.to}: as created`}
        </h2>
        {h.diff.length === 0 ? (
          <p className="muted">No field differs between these two revisions.</p>
        ) : (
          <div className="table-scroll">
            <table className="diff">
              <thead>
                <tr>
                  <th scope="col">Field</th>
                  <th scope="col">{h.compared.from ? `Before (#${h.compared.from})` : "Before"}</th>
                  <th scope="col">After (#{h.compared.to})</th>
                </tr>
              </thead>
              <tbody>
                {h.diff.map((d) => (
                  <tr key={d.field}>
                    <th scope="row">{d.label}</th>
                    <td>
                      {d.removed.length ? d.removed.map((v, i) => <del key={i}>{v}</del>) : <span className="muted">(empty)</span>}
                    </td>
                    <td>
                      {d.added.length ? d.added.map((v, i) => <ins key={i}>{v}</ins>) : <span className="muted">(empty)</span>}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section aria-labelledby="revisions-heading">
        <h2 id="revisions-heading">Revisions</h2>
        <Form method="get">
          <div className="table-scroll">
            <table>
              <thead>
                <tr>
                  <th scope="col">Compare from</th>
                  <th scope="col">to</th>
                  <th scope="col">Revision</th>
                  <th scope="col">When</th>
                  <th scope="col">Who</th>
                  <th scope="col">What</th>
                  {h.canEdit ? <th scope="col">Restore</th> : null}
                </tr>
              </thead>
              <tbody>
                {h.revisions.map((r) => (
                  <tr key={r.id}>
                    <td>
                      <input type="radio" name="from" value={r.id} defaultChecked={r.id === h.compared.from} aria-label={`Compare from revision #${r.id}`} />
                    </td>
                    <td>
                      <input type="radio" name="to" value={r.id} defaultChecked={r.id === h.compared.to} aria-label={`Compare to revision #${r.id}`} />
                    </td>
                    <th scope="row">
                      #{r.id} {r.version ? <span className="muted small">(version {r.version})</span> : null}
                    </th>
                    <td>
                      <time dateTime={r.createdAt}>{r.createdAt.slice(0, 16).replace("T", " ")} UTC</time>
                    </td>
                    <td>{r.userName ?? "Data import"}</td>
                    <td>
                      {enumLabel(r.action)}: {r.summary}
                    </td>
                    {h.canEdit ? (
                      <td>
                        {restorable(r) ? (
                          <button type="submit" form={`restore-${r.id}`} className="secondary" disabled={busy}>
                            Restore this version
                          </button>
                        ) : null}
                      </td>
                    ) : null}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <p>
            <button type="submit">Compare selected revisions</button>
          </p>
        </Form>
        {/* Outside the compare form: forms cannot nest; each button above names its form by id. */}
        {h.canEdit
          ? h.revisions.filter(restorable).map((r) => (
              <Form method="post" id={`restore-${r.id}`} key={r.id} hidden>
                <CsrfInput />
                <input type="hidden" name="intent" value="restore" />
                <input type="hidden" name="revision" value={r.id} />
                <input type="hidden" name="version" value={h.currentVersion} />
              </Form>
            ))
          : null}
      </section>
    </article>
  );
}
