// Pieces every editor page shares: the hidden version and CSRF fields, the edit summary, the
// conflict notice, and the links an editor sees on a record page.
import { useNavigation } from "@remix-run/react";
import { Link } from "~/components/link";
import { useForm, type DefaultValue, type FieldMetadata, type FormMetadata, type Submission } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import type { z } from "zod";
import { useEffect } from "react";
import type { EditorReply } from "~/editors/save.server";
import { CsrfInput } from "./csrf";
import { FormErrors, InputField } from "./form";

const CONFLICT_HEADING = "conflict-heading";

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

/**
 * Conform as every editor uses it: the schema's constraints on the fields, the same schema in the
 * browser as on the server, a field checked when it loses focus and then again as the editor types.
 */
export function useEditorForm<Schema extends z.ZodType, Fields extends Record<string, any> = z.input<Schema> & Record<string, any>>(options: {
  id: string;
  schema: Schema;
  lastResult?: EditorReply;
  defaultValue?: DefaultValue<Fields>;
}) {
  const { schema, ...rest } = options;
  return useForm<Fields, z.output<Schema>>({
    ...rest,
    constraint: getZodConstraint(schema),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    // The editor's field type is the schema's input as the form sees it (Fields); zod cannot say so itself.
    onValidate: ({ formData }) => parseWithZod(formData, { schema }) as Submission<Fields, string[], z.output<Schema>>,
  });
}

/** What ends every editor: the edit summary, then save (disabled while saving) and cancel. */
export function EditorFooter({
  summary,
  mode,
  submitLabel,
  cancelTo,
}: {
  summary: FieldMetadata<any, any, string[]>;
  mode: "new" | "edit";
  submitLabel: string;
  cancelTo: string;
}) {
  const saving = useNavigation().state === "submitting";
  return (
    <>
      <EditSummaryField field={summary} required={mode === "edit"} />
      <div className="form-actions">
        <button type="submit" disabled={saving}>
          {saving ? "Saving…" : submitLabel}
        </button>
        <Link to={cancelTo}>Cancel</Link>
      </div>
    </>
  );
}

/**
 * The form's own errors, and where focus goes when the server refuses a save, so that a keyboard
 * or screen-reader user lands on the reason. Without JavaScript the page comes back whole: the
 * editor autofocuses its first field in error (`fieldInError`); failing one, the conflict notice
 * or this message takes it. With JavaScript Conform focuses the first field in error itself, but
 * after a refusal that names no field (a conflict, a record deleted meanwhile, a field the page
 * fixed) focus stayed on the Save button, disabled while saving and so dropped to the page.
 */
export function EditorErrors({ form, reply, fieldInError }: { form: FormMetadata<any, string[]>; reply?: EditorReply; fieldInError?: string }) {
  useEffect(() => {
    if (reply?.status !== "error") return;
    const active = document.activeElement;
    // Conform ran first (a layout effect): leave a field it focused.
    if (active && document.getElementById(form.id)?.contains(active) && !(active instanceof HTMLButtonElement)) return;
    (document.getElementById(CONFLICT_HEADING) ?? document.getElementById(form.errorId))?.focus();
    // Only a new reply from the server moves focus, not every render while typing.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [reply]);
  return <FormErrors id={form.errorId} errors={form.errors} autoFocus={!fieldInError && !reply?.conflict} />;
}

/** What the other editor changed, field by field, when a save was refused. */
export function ConflictNotice({ reply }: { reply?: EditorReply }) {
  const c = reply?.conflict;
  if (!c) return null;
  return (
    <section className="conflict" aria-labelledby="conflict-heading">
      {/* A conflict names no field: the notice takes focus, on the server-rendered page too. */}
      <h2 id={CONFLICT_HEADING} tabIndex={-1} autoFocus>
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
