import { getFormProps, type DefaultValue } from "@conform-to/react";
import { Form } from "@remix-run/react";
import { ACTOR_KINDS } from "@db/enums";
import { ConflictNotice, EditorErrors, EditorFooter, EditorHiddenFields, useEditorForm } from "~/components/editor";
import { InputField, SelectField, TextareaField, firstInvalid, type Option } from "~/components/form";
import type { z } from "zod";
import { actorSchema, type ActorForm } from "./actor";
import type { EditorReply } from "./save.server";
import { CitedSourcesFields } from "./source-editor";

const ORDER = [
  "name",
  "shortName",
  "kind",
  "countryCode",
  "description",
  "aliases",
  "slug",
  "sources",
  "newSourceTitle",
  "newSourcePublisher",
  "newSourceKind",
  "newSourceUrl",
  "summary",
];

/** What the form starts with; the aliases one per line, as the textarea shows them. */
export type ActorDefaults = DefaultValue<ActorFields>;
type ActorFields = z.input<ReturnType<typeof actorSchema>>;

/** The one actor form, for both creating and editing. */
export function ActorEditor({
  mode,
  defaultValue,
  version,
  lastResult,
  cancelTo,
  sourceOptions,
}: {
  mode: "new" | "edit";
  defaultValue?: ActorDefaults;
  version?: number;
  lastResult?: EditorReply;
  cancelTo: string;
  sourceOptions: Option[];
}) {
  const schema = actorSchema(mode);
  const [form, fields] = useEditorForm<typeof schema, ActorFields>({
    id: `actor-${mode}`,
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
        <InputField field={fields.name} label="Name" hint="The full name, e.g. Tehrik-i-Taliban Pakistan." autoFocus={focus === "name"} />
        <InputField field={fields.shortName} label="Short form (optional)" hint="An abbreviation or common short form, e.g. TTP." autoFocus={focus === "shortName"} />
        <SelectField field={fields.kind} label="Kind of actor" options={ACTOR_KINDS} placeholder="— choose —" autoFocus={focus === "kind"} />
        <InputField field={fields.countryCode} label="Country code (optional)" hint="Two letters, e.g. PK for Pakistan, AF for Afghanistan." autoFocus={focus === "countryCode"} />
        <TextareaField field={fields.description} label="Description (optional)" rows={4} hint="Plain paragraphs; web addresses become links." autoFocus={focus === "description"} />
        <TextareaField
          field={fields.aliases}
          label="Other names (optional)"
          rows={3}
          hint="One per line: other spellings and names in use, e.g. Tehreek-e-Taliban Pakistan. Search finds the actor by any of them."
          autoFocus={focus === "aliases"}
        />
        <InputField field={fields.slug} label="Short name in the URL (optional)" hint="Made from the name when left empty." autoFocus={focus === "slug"} />
        <CitedSourcesFields fields={fields} options={sourceOptions} required={false} focus={focus} />
        <EditorFooter summary={fields.summary} mode={mode} submitLabel={mode === "new" ? "Create actor" : "Save actor"} cancelTo={cancelTo} />
      </Form>
    </>
  );
}
