import { getFormProps } from "@conform-to/react";
import { Form } from "@remix-run/react";
import { Link } from "~/components/link";
import { ConflictNotice, EditorErrors, EditorFooter, EditorHiddenFields, useEditorForm } from "~/components/editor";
import { FieldErrors, RadioGroup, TextareaField, firstInvalid, type Option } from "~/components/form";
import { RecordPicker } from "~/components/picker";
import { ASSESSMENT_OPTIONS, breachSchema, type BreachDefaults, type BreachFixed, type IncidentWindowProps } from "./breach";
import { TEXT_HINT } from "./incident-editor";
import type { EditorReply } from "./save.server";
import { CitedSourcesFields } from "./source-editor";

const ORDER = ["commitment", "incident", "responsible", "allegedBy", "assessment", "reasoning", "sources", "newSourceTitle", "newSourcePublisher", "newSourceKind", "newSourceUrl", "summary"];

const WINDOW_FORM = "incident-window";

/** The window's own GET form. Forms cannot nest, so its fields sit in the breach form and name this one. */
function IncidentWindowForm({ keep }: { keep?: Record<string, string> }) {
  return (
    <Form method="get" id={WINDOW_FORM} preventScrollReset>
      {Object.entries(keep ?? {}).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
    </Form>
  );
}

function IncidentWindowFields({ window: w, autoFocus }: { window: IncidentWindowProps; autoFocus: boolean }) {
  const bad = Object.keys(w.errors)[0];
  const date = (name: "incidents_from" | "incidents_to", label: string, value?: string) => {
    const id = `${WINDOW_FORM}-${name}`;
    const error = w.errors[name];
    return (
      <div className="field">
        <label htmlFor={id}>{label}</label>
        <input
          id={id}
          type="date"
          name={name}
          form={WINDOW_FORM}
          defaultValue={value}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
          autoFocus={(autoFocus && bad === name) || undefined}
        />
        {error ? (
          <span className="field-error" id={`${id}-error`}>
            {error}
          </span>
        ) : null}
      </div>
    );
  };
  return (
    <fieldset className="field-group">
      <legend>Incidents to choose from</legend>
      <p className="field-hint">
        The list below holds the {w.limit} latest incidents{w.from || w.to ? " between these dates" : ""}. To reach an older one, set the dates and list again: this
        reloads the form, so do it first.
      </p>
      {date("incidents_from", "Occurred on or after", w.from)}
      {date("incidents_to", "Occurred on or before", w.to)}
      <div className="form-actions">
        <button type="submit" form={WINDOW_FORM}>
          List these incidents
        </button>
      </div>
    </fieldset>
  );
}

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
  incidentWindow,
}: {
  mode: "new" | "edit";
  fixed: BreachFixed;
  fixedEnd?: FixedEnd;
  defaultValue?: BreachDefaults;
  version?: number;
  lastResult?: EditorReply;
  cancelTo: string;
  options: { actors: Option[]; commitments: Option[]; incidents: Option[]; sources: Option[] };
  /** Where the page picks the incident. */
  incidentWindow?: IncidentWindowProps;
}) {
  const schema = breachSchema(mode, fixed);
  const initial: BreachDefaults = { assessment: "alleged", ...defaultValue };
  const [form, fields] = useEditorForm({
    id: `breach-${mode}-${fixed}`,
    schema,
    lastResult,
    defaultValue: initial,
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
      {incidentWindow ? <IncidentWindowForm keep={incidentWindow.keep} /> : null}
      <Form method="post" {...getFormProps(form)} className="editor-form">
        <EditorHiddenFields version={version} reply={lastResult} />
        <EditorErrors form={form} reply={lastResult} fieldInError={focus} />
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
        {fixed !== "incident" && incidentWindow ? <IncidentWindowFields window={incidentWindow} autoFocus={!focus && !lastResult} /> : null}
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
        <EditorFooter summary={fields.summary} mode={mode} submitLabel={mode === "new" ? "Link breach" : "Save breach"} cancelTo={cancelTo} />
      </Form>
    </>
  );
}
