import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { Form, Link, useNavigation } from "@remix-run/react";
import { ConflictNotice, EditorHiddenFields, EditSummaryField } from "~/components/editor";
import { FormErrors, InputField, TextareaField, firstInvalid } from "~/components/form";
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
  const saving = useNavigation().state === "submitting";
  const [form, fields] = useForm({
    id: `venue-${mode}`,
    lastResult,
    defaultValue,
    constraint: getZodConstraint(schema),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
  });
  const focus = firstInvalid(fields, ORDER);
  return (
    <>
      <ConflictNotice reply={lastResult} />
      <Form method="post" {...getFormProps(form)} className="editor-form">
        <EditorHiddenFields version={version} reply={lastResult} />
        <FormErrors id={form.errorId} errors={form.errors} />
        <InputField field={fields.city} label="City" autoFocus={focus === "city"} />
        <InputField field={fields.country} label="Country" autoFocus={focus === "country"} />
        <InputField field={fields.countryCode} label="Country code" hint="Two letters, e.g. QA for Qatar, TR for Türkiye." autoFocus={focus === "countryCode"} />
        <InputField field={fields.latitude} label="Latitude" type="number" step="any" hint="Degrees north (negative for south)." autoFocus={focus === "latitude"} />
        <InputField field={fields.longitude} label="Longitude" type="number" step="any" hint="Degrees east (negative for west)." autoFocus={focus === "longitude"} />
        <TextareaField field={fields.description} label="Description (optional)" rows={3} autoFocus={focus === "description"} />
        <InputField field={fields.slug} label="Short name in the URL (optional)" hint="Made from the city when left empty." autoFocus={focus === "slug"} />
        <EditSummaryField field={fields.summary} required={mode === "edit"} />
        <div className="form-actions">
          <button type="submit" disabled={saving}>
            {saving ? "Saving…" : mode === "new" ? "Create venue" : "Save venue"}
          </button>
          <Link to={cancelTo}>Cancel</Link>
        </div>
      </Form>
    </>
  );
}
