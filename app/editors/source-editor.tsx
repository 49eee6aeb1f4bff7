import { getFormProps } from "@conform-to/react";
import { Form } from "@remix-run/react";
import { DATE_PRECISIONS, SOURCE_KINDS } from "@db/enums";
import { ConflictNotice, EditorErrors, EditorFooter, EditorHiddenFields, useEditorForm } from "~/components/editor";
import { InputField, SelectField, TextareaField, firstInvalid, type Option } from "~/components/form";
import { RecordPicker } from "~/components/picker";
import type { EditorReply } from "./save.server";
import { sourceSchema, type SourceForm } from "./source";

const ORDER = ["kind", "publisher", "title", "author", "publishedOn", "datePrecision", "url", "notes", "summary"];

/** The one source form, for both creating and editing. */
export function SourceEditor({
  mode,
  defaultValue,
  version,
  lastResult,
  cancelTo,
}: {
  mode: "new" | "edit";
  defaultValue?: Partial<Record<keyof SourceForm, string | null>>;
  version?: number;
  lastResult?: EditorReply;
  cancelTo: string;
}) {
  const schema = sourceSchema(mode);
  const [form, fields] = useEditorForm({
    id: `source-${mode}`,
    schema,
    lastResult,
    defaultValue,
  });
  const focus = firstInvalid(fields, ORDER);
  return (
    <>
      <ConflictNotice reply={lastResult} />
      <Form method="post" {...getFormProps(form)} className="editor-form">
        <EditorHiddenFields version={version} reply={lastResult} />
        <EditorErrors form={form} reply={lastResult} fieldInError={focus} />
        <SelectField field={fields.kind} label="Kind of source" options={SOURCE_KINDS} placeholder="— choose —" autoFocus={focus === "kind"} />
        <InputField field={fields.publisher} label="Publisher" hint="The outlet or body, e.g. Reuters, Ministry of Foreign Affairs of Pakistan." autoFocus={focus === "publisher"} />
        <InputField field={fields.title} label="Title" autoFocus={focus === "title"} />
        <InputField field={fields.author} label="Author (optional)" autoFocus={focus === "author"} />
        <fieldset className="field-group">
          <legend>Published (optional)</legend>
          <InputField field={fields.publishedOn} label="Date" type="date" autoFocus={focus === "publishedOn"} />
          <SelectField
            field={fields.datePrecision}
            label="Known to the"
            options={DATE_PRECISIONS}
            placeholder="—"
            hint="Day, week, month or year; leave both empty when undated."
            autoFocus={focus === "datePrecision"}
          />
        </fieldset>
        <InputField field={fields.url} label="Web address (optional)" type="url" hint="The full address, starting with https://" autoFocus={focus === "url"} />
        <TextareaField field={fields.notes} label="Notes (optional)" rows={3} autoFocus={focus === "notes"} />
        <EditorFooter summary={fields.summary} mode={mode} submitLabel={mode === "new" ? "Create source" : "Save source"} cancelTo={cancelTo} />
      </Form>
    </>
  );
}

type Field = Parameters<typeof InputField>[0]["field"];

/**
 * The sources another record cites: a picker of existing ones, and a new one typed in place,
 * created when the record is saved (see citationRows).
 */
export function CitedSourcesFields({
  fields,
  options,
  required,
  focus,
}: {
  fields: { sources: Field; newSourceUrl: Field; newSourceTitle: Field; newSourcePublisher: Field; newSourceKind: Field };
  options: Option[];
  required: boolean;
  focus?: string;
}) {
  return (
    <>
      <RecordPicker
        field={fields.sources}
        label={required ? "Sources cited" : "Sources cited (optional)"}
        type="source"
        options={options}
        multiple
        hint="Hold Ctrl (⌘ on a Mac) to choose several."
        autoFocus={focus === "sources"}
      />
      <fieldset className="field-group">
        <legend>New source (optional)</legend>
        <p className="field-hint">A source that is not listed yet: it is created, and cited, when you save.</p>
        <InputField field={fields.newSourceTitle} label="New source title" autoFocus={focus === "newSourceTitle"} />
        <InputField field={fields.newSourcePublisher} label="New source publisher" autoFocus={focus === "newSourcePublisher"} />
        <SelectField field={fields.newSourceKind} label="New source kind" options={SOURCE_KINDS} placeholder="— choose —" autoFocus={focus === "newSourceKind"} />
        <InputField field={fields.newSourceUrl} label="New source web address" type="url" hint="The full address, starting with https://" autoFocus={focus === "newSourceUrl"} />
      </fieldset>
    </>
  );
}
