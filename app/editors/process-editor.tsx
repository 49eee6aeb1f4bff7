import { getFormProps } from "@conform-to/react";
import { Form } from "@remix-run/react";
import { ConflictNotice, EditorErrors, EditorFooter, EditorHiddenFields, useEditorForm } from "~/components/editor";
import { InputField, TextareaField, firstInvalid, type Option } from "~/components/form";
import { RecordPicker } from "~/components/picker";
import { processSchema, type ProcessForm } from "./process";
import type { EditorReply } from "./save.server";

const ORDER = ["name", "slug", "description", "sources", "summary"];

/** The one process form, for both creating and editing. */
export function ProcessEditor({
  mode,
  defaultValue,
  version,
  lastResult,
  cancelTo,
  sources,
}: {
  mode: "new" | "edit";
  defaultValue?: Partial<Record<keyof ProcessForm, string | string[]>>;
  version?: number;
  lastResult?: EditorReply;
  cancelTo: string;
  sources: Option[];
}) {
  const schema = processSchema(mode);
  const [form, fields] = useEditorForm({
    id: `process-${mode}`,
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
        <InputField field={fields.name} label="Name of the process" hint="E.g. “Pakistan–Afghanistan de-escalation talks, 2025”." autoFocus={focus === "name"} />
        <InputField
          field={fields.slug}
          label="Short name in the URL (optional)"
          hint={mode === "new" ? "Made from the name when left empty." : "Left empty, the process keeps its current address."}
          autoFocus={focus === "slug"}
        />
        <TextareaField
          field={fields.description}
          label="Description (optional)"
          hint="Plain text: separate paragraphs with a blank line; web addresses become links."
          rows={4}
          autoFocus={focus === "description"}
        />
        <RecordPicker
          field={fields.sources}
          label="Sources cited (optional)"
          type="source"
          options={sources}
          multiple
          hint="Hold Ctrl (⌘ on a Mac) to choose several."
          autoFocus={focus === "sources"}
        />
        <EditorFooter summary={fields.summary} mode={mode} submitLabel={mode === "new" ? "Create process" : "Save process"} cancelTo={cancelTo} />
      </Form>
    </>
  );
}
