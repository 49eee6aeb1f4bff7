import { getFormProps, type DefaultValue } from "@conform-to/react";
import { Form } from "@remix-run/react";
import { COMMITMENT_KINDS, COMMITMENT_RELATIONS } from "@db/enums";
import { ConflictNotice, EditorErrors, EditorFooter, EditorHiddenFields, useEditorForm } from "~/components/editor";
import { DateWithPrecision, FieldErrors, InputField, SelectField, TextareaField, firstInvalid } from "~/components/form";
import { RecordPicker } from "~/components/picker";
import type { z } from "zod";
import { commitmentSchema, type CommitmentForm, type CommitmentOptions } from "./commitment";
import type { EditorReply } from "./save.server";
import { CitedSourcesFields } from "./source-editor";

const BEFORE_RELATIONS = ["title", "wording", "kind", "process", "round", "actors", "announcedOn", "takesEffectOn", "takesEffectPrecision", "expiresOn", "fulfilledOn"];
const AFTER_RELATIONS = ["notes", "sources", "newSourceTitle", "newSourcePublisher", "newSourceKind", "newSourceUrl", "summary"];

export type CommitmentDefaults = DefaultValue<CommitmentFields>;
type CommitmentFields = z.input<ReturnType<typeof commitmentSchema>>;

/** The one commitment form, for both creating and editing. */
export function CommitmentEditor({
  mode,
  defaultValue,
  version,
  lastResult,
  cancelTo,
  options,
}: {
  mode: "new" | "edit";
  defaultValue?: CommitmentDefaults;
  version?: number;
  lastResult?: EditorReply;
  cancelTo: string;
  options: CommitmentOptions;
}) {
  const schema = commitmentSchema(mode);
  const [form, fields] = useEditorForm<typeof schema, CommitmentFields>({
    id: `commitment-${mode}`,
    schema,
    lastResult,
    defaultValue,
  });
  const relations = fields.relations.getFieldList();
  const relationFocus = relations.findIndex((row) => {
    const r = row.getFieldset();
    return r.relation.errors?.length || r.commitment.errors?.length;
  });
  const focus =
    firstInvalid(fields, BEFORE_RELATIONS) ??
    (relationFocus >= 0 ? `relations-${relationFocus}` : undefined) ??
    firstInvalid(fields, AFTER_RELATIONS);
  const verb = mode === "new" ? "Create commitment" : "Save commitment";
  return (
    <>
      <ConflictNotice reply={lastResult} />
      <Form method="post" {...getFormProps(form)} className="editor-form">
        {/* Pressing Enter in a field submits with the first button: make that one "save", not "remove relation". */}
        <button type="submit" className="sr-only" tabIndex={-1} aria-hidden="true">
          {verb}
        </button>
        <EditorHiddenFields version={version} reply={lastResult} />
        <EditorErrors form={form} reply={lastResult} fieldInError={focus} />
        <InputField field={fields.title} label="Title" hint="A short name for the promise, e.g. Doha ceasefire." autoFocus={focus === "title"} />
        <TextareaField field={fields.wording} label="Wording" rows={5} hint="The promise as the parties or the mediator worded it. Plain paragraphs; web addresses become links." autoFocus={focus === "wording"} />
        <SelectField field={fields.kind} label="Kind of commitment" options={COMMITMENT_KINDS} placeholder="— choose —" autoFocus={focus === "kind"} />
        <SelectField field={fields.process} label="Process" options={options.processes} placeholder="— choose —" autoFocus={focus === "process"} />
        <RecordPicker
          field={fields.round}
          label="Round (optional)"
          type="round"
          options={options.rounds}
          placeholder="— announced outside a round —"
          hint="The round of the same process where it was made."
          autoFocus={focus === "round"}
        />
        <RecordPicker
          field={fields.actors}
          label="Actors bound"
          type="actor"
          options={options.actors}
          multiple
          hint="Who made the promise. Hold Ctrl (⌘ on a Mac) to choose several."
          autoFocus={focus === "actors"}
        />
        <InputField field={fields.announcedOn} label="Announced on (optional)" type="date" autoFocus={focus === "announcedOn"} />
        <DateWithPrecision date={fields.takesEffectOn} precision={fields.takesEffectPrecision} legend="Takes effect" focus={focus} />
        <InputField field={fields.expiresOn} label="Expires on (optional)" type="date" hint="Empty when open-ended." autoFocus={focus === "expiresOn"} />
        <InputField field={fields.fulfilledOn} label="Fulfilled on (optional)" type="date" hint="For one-off promises, such as holding follow-up talks." autoFocus={focus === "fulfilledOn"} />
        <fieldset className="field-group">
          <legend>Relations to earlier commitments</legend>
          <p className="field-hint">A commitment that supersedes another ends the other’s term on the day it takes effect.</p>
          <FieldErrors field={fields.relations} />
          {relations.map((row, i) => {
            const r = row.getFieldset();
            return (
              <fieldset key={row.key} className="field-group">
                <legend>Relation {i + 1}</legend>
                <SelectField field={r.relation} label="This commitment" options={COMMITMENT_RELATIONS} placeholder="— choose —" autoFocus={focus === `relations-${i}` && Boolean(r.relation.errors)} />
                <RecordPicker
                  field={r.commitment}
                  label="Earlier commitment"
                  type="commitment"
                  options={options.commitments}
                  placeholder="— choose —"
                  autoFocus={focus === `relations-${i}` && !r.relation.errors}
                />
                <button className="secondary" {...form.remove.getButtonProps({ name: fields.relations.name, index: i })}>
                  Remove relation {i + 1}
                </button>
              </fieldset>
            );
          })}
          <button className="secondary" {...form.insert.getButtonProps({ name: fields.relations.name })}>
            Add a relation
          </button>
        </fieldset>
        <TextareaField field={fields.notes} label="Notes (optional)" rows={3} autoFocus={focus === "notes"} />
        <CitedSourcesFields fields={fields} options={options.sources} required focus={focus} />
        <EditorFooter summary={fields.summary} mode={mode} submitLabel={verb} cancelTo={cancelTo} />
      </Form>
    </>
  );
}
