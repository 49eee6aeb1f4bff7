import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { Form, Link, useNavigation } from "@remix-run/react";
import { ConflictNotice, EditorHiddenFields, EditSummaryField } from "~/components/editor";
import { FieldErrors, FormErrors, RadioGroup, TextareaField, firstInvalid, type Option } from "~/components/form";
import { RecordPicker } from "~/components/picker";
import { ASSESSMENT_OPTIONS, breachSchema, type BreachDefaults, type BreachFixed } from "./breach";
import { TEXT_HINT } from "./incident-editor";
import type { EditorReply } from "./save.server";
import { CitedSourcesFields } from "./source-editor";

const ORDER = ["commitment", "incident", "responsible", "allegedBy", "assessment", "reasoning", "sources", "newSourceTitle", "newSourcePublisher", "newSourceKind", "newSourceUrl", "summary"];

/** The end of the link the page fixed: shown, not chosen. */
export interface FixedEnd {
  to: string;
  label: string;
}

/**
 * The one breach form: from an incident's page (the commitment picked), from a commitment's page
 * (the incident picked), and for editing (both).
 */
export function BreachEditor({
  mode,
  fixed,
  fixedEnd,
  defaultValue,
  version,
  lastResult,
  cancelTo,
  options,
}: {
  mode: "new" | "edit";
  fixed: BreachFixed;
  fixedEnd?: FixedEnd;
  defaultValue?: BreachDefaults;
  version?: number;
  lastResult?: EditorReply;
  cancelTo: string;
  options: { actors: Option[]; commitments: Option[]; incidents: Option[]; sources: Option[] };
}) {
  const schema = breachSchema(mode, fixed);
  const saving = useNavigation().state === "submitting";
  const initial: BreachDefaults = { assessment: "alleged", ...defaultValue };
  const [form, fields] = useForm({
    id: `breach-${mode}-${fixed}`,
    lastResult,
    defaultValue: initial,
    constraint: getZodConstraint(schema),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
  });
  const focus = firstInvalid(fields, ORDER);
  const shown = (end: "commitment" | "incident", label: string) =>
    fixed === end && fixedEnd ? (
      <div className="field fixed-end">
        <span className="fixed-end-label">{label}</span>
        <Link to={fixedEnd.to}>{fixedEnd.label}</Link>
        <FieldErrors field={fields[end]} />
      </div>
    ) : null;
  return (
    <>
      <ConflictNotice reply={lastResult} />
      <Form method="post" {...getFormProps(form)} className="editor-form">
        <EditorHiddenFields version={version} reply={lastResult} />
        <FormErrors id={form.errorId} errors={form.errors} />
        {shown("incident", "Incident")}
        {fixed !== "commitment" ? (
          <RecordPicker
            field={fields.commitment}
            label="Commitment it broke"
            type="commitment"
            options={options.commitments}
            placeholder="— choose —"
            hint="Only a commitment in force on the day of the incident: on or after it took effect, and not after it expired."
            autoFocus={focus === "commitment"}
          />
        ) : null}
        {shown("commitment", "Commitment")}
        {fixed !== "incident" ? (
          <RecordPicker
            field={fields.incident}
            label="Incident that broke it"
            type="incident"
            options={options.incidents}
            placeholder="— choose —"
            hint="Only an incident within the commitment’s term: on or after it took effect, and not after it expired."
            autoFocus={focus === "incident"}
          />
        ) : null}
        <RecordPicker
          field={fields.responsible}
          label="Alleged responsible (optional)"
          type="actor"
          options={options.actors}
          placeholder="— not named —"
          autoFocus={focus === "responsible"}
        />
        <RecordPicker
          field={fields.allegedBy}
          label="Alleged by (optional)"
          type="actor"
          options={options.actors}
          placeholder="— not named —"
          hint="Who says this incident broke the commitment."
          autoFocus={focus === "allegedBy"}
        />
        <RadioGroup field={fields.assessment} legend="Assessment" options={ASSESSMENT_OPTIONS} autoFocus={focus === "assessment"} />
        <TextareaField
          field={fields.reasoning}
          label="Reasoning"
          hint={`Why this incident breaks this commitment, and on what evidence. ${TEXT_HINT}`}
          rows={6}
          autoFocus={focus === "reasoning"}
        />
        <CitedSourcesFields fields={fields} options={options.sources} required focus={focus} />
        <EditSummaryField field={fields.summary} required={mode === "edit"} />
        <div className="form-actions">
          <button type="submit" disabled={saving}>
            {saving ? "Saving…" : mode === "new" ? "Link breach" : "Save breach"}
          </button>
          <Link to={cancelTo}>Cancel</Link>
        </div>
      </Form>
    </>
  );
}
