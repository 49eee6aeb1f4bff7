import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { Link } from "~/components/link";
import { z } from "zod";
import { RECORD_TYPES, enumLabel } from "@db/enums";
import { readCsrfForm } from "~/auth/csrf.server";
import { requireEditor } from "~/auth/session.server";
import { CsrfInput } from "~/components/csrf";
import { FieldErrors, FormErrors, InputField } from "~/components/form";
import { getDb } from "~/db.server";
import { writeFailureMessage } from "~/models/history/actions.server";
import { beginChange, deleteImpact, deleteRecord, snapshot, type DeleteImpact } from "~/models/history/engine.server";
import { RECORDS } from "~/models/history/registry.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `Delete ${data.title} · Parley` : "Delete · Parley" }];

const paramsSchema = z.object({ type: z.enum(RECORD_TYPES), id: z.coerce.number().int().positive().max(2_147_483_647) });

const deleteSchema = z.object({
  summary: z.string({ error: "Say why this record is being deleted." }).trim().min(3, { error: "Say why this record is being deleted." }).max(500),
  confirm: z.literal("yes", { error: "Confirm that you have read what happens to the linked records." }).optional(),
});

async function load(request: Request, params: LoaderFunctionArgs["params"]) {
  const p = paramsSchema.safeParse(params);
  if (!p.success) throw new Response("There is no such record.", { status: 404 });
  const user = await requireEditor(request);
  const db = await getDb();
  const current = await snapshot(db, p.data.type, p.data.id);
  if (!current || current.deleted_at) throw new Response("There is no such record, or it is already deleted.", { status: 404 });
  const impacts = await deleteImpact(db, p.data.type, p.data.id);
  const def = RECORDS[p.data.type];
  const row = { id: current.id, ...current.fields };
  return { ...p.data, user, current, impacts, title: def.title(row), path: def.path(row) };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { type, id, current, impacts, title, path } = await load(request, params);
  return { type, id, version: current.version, impacts, title, path };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { type, id, user, impacts } = await load(request, params);
  const form = await readCsrfForm(request);
  const schema = impacts.length ? deleteSchema.required({ confirm: true }) : deleteSchema;
  const submission = parseWithZod(form, { schema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const version = Number(form.get("version"));
  const db = await getDb();
  const result = await db.transaction().execute(async (tx) => deleteRecord(await beginChange(tx, user.id), type, id, version, submission.value.summary));
  if (!result.ok) return data(submission.reply({ formErrors: [writeFailureMessage(result)] }), { status: 409 });
  return redirect(`/deleted?type=${type}`);
}

const EXPLAIN: Record<DeleteImpact["policy"], (i: DeleteImpact) => string> = {
  own: (i) => `${i.count} ${i.label} will be deleted with it, and restored with it.`,
  detach: (i) => `${i.count} ${i.label} will no longer point at it (each keeps a revision to restore).`,
  unlink: (i) => `${i.count} ${i.label} will be removed (each record keeps a revision to restore).`,
  block: (i) => `${i.count} ${i.label} still need it: change or delete those first.`,
};

export default function DeletePage() {
  const d = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const blocked = d.impacts.some((i) => i.policy === "block");
  const [form, fields] = useForm({
    id: `delete-${d.type}-${d.id}`,
    lastResult,
    constraint: getZodConstraint(deleteSchema),
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: d.impacts.length ? deleteSchema.required({ confirm: true }) : deleteSchema }),
  });
  return (
    <article>
      <h1>
        Delete {enumLabel(d.type).toLowerCase()}: {d.title}
      </h1>
      <p className="lede">
        Readers will no longer see it. It stays in <Link to="/deleted">Deleted records</Link> with its history, and can be restored. <Link to={d.path}>Back to the record</Link>.
      </p>
      {d.impacts.length ? (
        <section aria-labelledby="impact-heading">
          <h2 id="impact-heading">What happens to the records linked to it</h2>
          <ul>
            {d.impacts.map((i) => (
              <li key={i.label} className={i.policy === "block" ? "field-error" : undefined}>
                {EXPLAIN[i.policy](i)}
              </li>
            ))}
          </ul>
        </section>
      ) : (
        <p>No other record points at it.</p>
      )}
      <Form method="post" {...getFormProps(form)} className="editor-form">
        <CsrfInput />
        <input type="hidden" name="version" value={d.version} />
        <FormErrors id={form.errorId} errors={form.errors} />
        <InputField field={fields.summary} label="Why delete it?" autoFocus={Boolean(fields.summary.errors)} />
        {d.impacts.length && !blocked ? (
          <div className="field">
            <label>
              <input {...getInputProps(fields.confirm, { type: "checkbox", value: "yes" })} /> I have read what happens to the linked records
            </label>
            <FieldErrors field={fields.confirm} />
          </div>
        ) : null}
        <div className="form-actions">
          <button type="submit" disabled={blocked}>
            Delete
          </button>
          <Link to={d.path}>Cancel</Link>
        </div>
      </Form>
    </article>
  );
}
