import { getFormProps } from "@conform-to/react";
import { Form } from "@remix-run/react";
import { ConflictNotice, EditorErrors, EditorFooter, EditorHiddenFields, useEditorForm } from "~/components/editor";
import { InputField, TextareaField, firstInvalid } from "~/components/form";
import type { EditorReply } from "./save.server";
import { venueSchema, type VenueForm } from "./venue";

const ORDER = ["city", "country", "countryCode", "latitude", "longitude", "description", "slug", "summary"];

/** The one venue form, for both creating and editing. */
export function VenueEditor({
  mode,
  defaultValue,
  version,
  lastResult,
  cancelTo,
}: {
  mode: "new" | "edit";
  defaultValue?: Partial<Record<keyof VenueForm, string | number | null>>;
  version?: number;
  lastResult?: EditorReply;
  cancelTo: string;
}) {
  const schema = venueSchema(mode);
  const [form, fields] = useEditorForm({
    id: `venue-${mode}`,
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
        <InputField field={fields.city} label="City" autoFocus={focus === "city"} />
        <InputField field={fields.country} label="Country" autoFocus={focus === "country"} />
        <InputField field={fields.countryCode} label="Country code" hint="Two letters, e.g. QA for Qatar, TR for Türkiye." autoFocus={focus === "countryCode"} />
        <InputField field={fields.latitude} label="Latitude" type="number" step="any" hint="Degrees north (negative for south)." autoFocus={focus === "latitude"} />
        <InputField field={fields.longitude} label="Longitude" type="number" step="any" hint="Degrees east (negative for west)." autoFocus={focus === "longitude"} />
        <TextareaField field={fields.description} label="Description (optional)" rows={3} autoFocus={focus === "description"} />
        <InputField field={fields.slug} label="Short name in the URL (optional)" hint="Made from the city when left empty." autoFocus={focus === "slug"} />
        <EditorFooter summary={fields.summary} mode={mode} submitLabel={mode === "new" ? "Create venue" : "Save venue"} cancelTo={cancelTo} />
      </Form>
    </>
  );
}
