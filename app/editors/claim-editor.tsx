import { getFormProps } from "@conform-to/react";
import { Form } from "@remix-run/react";
import { CLAIM_CATEGORIES } from "@db/enums";
import { ConflictNotice, EditorErrors, EditorFooter, EditorHiddenFields, useEditorForm } from "~/components/editor";
import { InputField, RadioGroup, SelectField, TextareaField, firstInvalid, type Option } from "~/components/form";
import { RecordPicker } from "~/components/picker";
import { claimSchema, type ClaimDefaults } from "./claim";
import type { EditorReply } from "./save.server";

const ORDER = ["claimant", "affected", "category", "killedLow", "killedHigh", "injuredLow", "injuredHigh", "rank", "source", "locator", "notes", "summary"];

const RANKS = [
  { value: "preferred", label: "Preferred", hint: "The most reliable figure for these casualties, e.g. an independent monitor’s verified count." },
  { value: "normal", label: "Normal", hint: "A figure as its claimant states it, neither endorsed nor doubted." },
  { value: "deprecated", label: "Deprecated", hint: "Shown struck through and left out of the ranges: for a figure shown to be wrong or withdrawn." },
];

/** The one casualty-claim form, for both adding a claim to an incident and editing one. */
export function ClaimEditor({
  mode,
  defaultValue,
  version,
  lastResult,
  cancelTo,
  options,
}: {
  mode: "new" | "edit";
  defaultValue?: ClaimDefaults;
  version?: number;
  lastResult?: EditorReply;
  cancelTo: string;
  options: { actors: Option[]; sources: Option[] };
}) {
  const schema = claimSchema(mode);
  const initial: ClaimDefaults = { rank: "normal", ...defaultValue };
  const [form, fields] = useEditorForm({
    id: `claim-${mode}`,
    schema,
    lastResult,
    defaultValue: initial,
  });
  const focus = firstInvalid(fields, ORDER);
  return (
    <>
      <ConflictNotice reply={lastResult} />
      <Form method="post" {...getFormProps(form)} className="editor-form">
        <EditorHiddenFields version={version} reply={lastResult} />
        <EditorErrors form={form} reply={lastResult} fieldInError={focus} />
        <RecordPicker
          field={fields.claimant}
          label="Claimant"
          type="actor"
          options={options.actors}
          placeholder="— choose —"
          hint="Who states these figures: a government, an armed group, a monitor."
          autoFocus={focus === "claimant"}
        />
        <RecordPicker
          field={fields.affected}
          label="Whose casualties"
          type="actor"
          options={options.actors}
          placeholder="— not stated —"
          hint="The side whose people are counted, when the claim says."
          autoFocus={focus === "affected"}
        />
        <SelectField field={fields.category} label="Category" options={CLAIM_CATEGORIES} placeholder="— choose —" hint="Who the casualties were." autoFocus={focus === "category"} />
        <fieldset className="field-group claim-figures">
          <legend>Figures</legend>
          <p className="field-hint">
            Whole numbers. For an exact figure enter it as both low and high; a low figure alone means “at least”, a high one alone “up
            to”. Give at least one.
          </p>
          <InputField field={fields.killedLow} label="Killed (low)" type="number" step="1" autoFocus={focus === "killedLow"} />
          <InputField field={fields.killedHigh} label="Killed (high)" type="number" step="1" autoFocus={focus === "killedHigh"} />
          <InputField field={fields.injuredLow} label="Injured (low)" type="number" step="1" autoFocus={focus === "injuredLow"} />
          <InputField field={fields.injuredHigh} label="Injured (high)" type="number" step="1" autoFocus={focus === "injuredHigh"} />
        </fieldset>
        <RadioGroup
          field={fields.rank}
          legend="Rank"
          options={RANKS}
          hint="Deprecate a wrong figure rather than deleting it: readers still see who claimed it."
          autoFocus={focus === "rank"}
        />
        <RecordPicker field={fields.source} label="Source" type="source" options={options.sources} placeholder="— choose —" autoFocus={focus === "source"} />
        <InputField field={fields.locator} label="Where in the source (optional)" hint="Page, paragraph or time, e.g. “para. 4”." autoFocus={focus === "locator"} />
        <TextareaField field={fields.notes} label="Notes (optional)" rows={3} autoFocus={focus === "notes"} />
        <EditorFooter summary={fields.summary} mode={mode} submitLabel={mode === "new" ? "Add claim" : "Save claim"} cancelTo={cancelTo} />
      </Form>
    </>
  );
}
