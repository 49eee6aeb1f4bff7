// Pieces every editor page shares: the hidden version and CSRF fields, the edit summary, the
// conflict notice, and the links an editor sees on a record page.
import { Link, useRouteLoaderData } from "@remix-run/react";
import type { FieldMetadata } from "@conform-to/react";
import type { RecordType } from "@db/enums";
import type { EditorReply } from "~/editors/save.server";
import type { loader as rootLoader } from "~/root";
import { CsrfInput } from "./csrf";
import { InputField } from "./form";

/** The version this form started from: after a conflict, the version the editor has now seen. */
export function EditorHiddenFields({ version, reply }: { version?: number; reply?: EditorReply }) {
  const seen = reply?.conflict?.currentVersion ?? version;
  return (
    <>
      <CsrfInput />
      {seen !== undefined ? <input type="hidden" name="version" value={seen} key={seen} /> : null}
    </>
  );
}

export function EditSummaryField({ field, required, autoFocus }: { field: FieldMetadata<any, any, string[]>; required: boolean; autoFocus?: boolean }) {
  return (
    <InputField
      autoFocus={autoFocus ?? Boolean(field.errors?.length)}
      field={field}
      label={required ? "Edit summary" : "Edit summary (optional)"}
      hint="What you changed and why, in a few words. Shown in the record's history."
    />
  );
}

/** What the other editor changed, field by field, when a save was refused. */
export function ConflictNotice({ reply }: { reply?: EditorReply }) {
  const c = reply?.conflict;
  if (!c) return null;
  return (
    <section className="conflict" aria-labelledby="conflict-heading">
      <h2 id="conflict-heading">
        {c.by} changed this record{c.at ? ` at ${c.at.slice(0, 16).replace("T", " ")} UTC` : ""}
      </h2>
      {c.summary ? <p>Their summary: “{c.summary}”</p> : null}
      {c.changes.length ? (
        <table className="diff">
          <thead>
            <tr>
              <th scope="col">Field</th>
              <th scope="col">When you opened the form</th>
              <th scope="col">Now saved</th>
            </tr>
          </thead>
          <tbody>
            {c.changes.map((d) => (
              <tr key={d.field}>
                <th scope="row">{d.label}</th>
                <td>{d.removed.length ? d.removed.map((v, i) => <del key={i}>{v}</del>) : <span className="muted">(empty)</span>}</td>
                <td>{d.added.length ? d.added.map((v, i) => <ins key={i}>{v}</ins>) : <span className="muted">(empty)</span>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p>Their save changed nothing you can see in this form.</p>
      )}
    </section>
  );
}

/** History for everyone; Edit and Delete for signed-in editors (the actions check again). */
export function RecordActions({ type, id, editTo }: { type: RecordType; id: number; editTo?: string }) {
  const root = useRouteLoaderData<typeof rootLoader>("root");
  const signedIn = Boolean(root?.user);
  return (
    <p className="record-actions">
      {signedIn && editTo ? <Link to={editTo}>Edit</Link> : null}
      {signedIn ? <Link to={`/delete/${type}/${id}`}>Delete</Link> : null}
      <Link to={`/history/${type}/${id}`}>History</Link>
    </p>
  );
}

/** A link only signed-in editors see, e.g. "New venue" on a list. */
export function EditorLink({ to, children }: { to: string; children: string }) {
  const root = useRouteLoaderData<typeof rootLoader>("root");
  return root?.user ? (
    <p className="record-actions">
      <Link to={to}>{children}</Link>
    </p>
  ) : null;
}
