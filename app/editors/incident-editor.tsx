import { getFormProps } from "@conform-to/react";
import { Form } from "@remix-run/react";
import { INCIDENT_KINDS } from "@db/enums";
import { ConflictNotice, EditorErrors, EditorFooter, EditorHiddenFields, useEditorForm } from "~/components/editor";
import { DateWithPrecision, InputField, SelectField, TextareaField, firstInvalid, type Option } from "~/components/form";
import { RecordPicker } from "~/components/picker";
import { incidentSchema, type IncidentDefaults } from "./incident";
import type { EditorReply } from "./save.server";
import { CitedSourcesFields } from "./source-editor";

const ORDER = [
  "title",
  "occurredOn",
  "datePrecision",
  "endedOn",
  "kind",
  "countryCode",
  "province",
  "district",
  "placeName",
  "latitude",
  "longitude",
  "locationPrecision",
  "perpetrator",
  "description",
  "sources",
  "newSourceTitle",
  "newSourcePublisher",
  "newSourceKind",
  "newSourceUrl",
  "summary",
];

const LOCATION_OPTIONS: Option[] = [
  { value: "exact", label: "Exact spot" },
  { value: "district", label: "District" },
  { value: "province", label: "Province" },
  { value: "country", label: "Country only" },
];

/** For long texts, which Paragraphs renders: see app/components/record.tsx. */
export const TEXT_HINT = "Plain paragraphs, separated by a blank line; web addresses become links.";

/** The one incident form, for both creating and editing. */
export function IncidentEditor({
  mode,
  defaultValue,
  version,
  lastResult,
  cancelTo,
  options,
}: {
  mode: "new" | "edit";
  defaultValue?: IncidentDefaults;
  version?: number;
  lastResult?: EditorReply;
  cancelTo: string;
  options: { actors: Option[]; sources: Option[] };
}) {
  const schema = incidentSchema(mode);
  const initial: IncidentDefaults = { datePrecision: "day", locationPrecision: "country", ...defaultValue };
  const [form, fields] = useEditorForm({
    id: `incident-${mode}`,
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
        <InputField field={fields.title} label="Title" hint="What happened where, e.g. “Airstrikes on Paktika province”." autoFocus={focus === "title"} />
        <DateWithPrecision date={fields.occurredOn} precision={fields.datePrecision} legend="When it happened" focus={focus} />
        <InputField field={fields.endedOn} label="Ended on (optional)" type="date" hint="Only for an incident that lasted several days." autoFocus={focus === "endedOn"} />
        <SelectField field={fields.kind} label="Kind" options={INCIDENT_KINDS} placeholder="— choose —" autoFocus={focus === "kind"} />
        <fieldset className="field-group">
          <legend>Where it happened</legend>
          <InputField field={fields.countryCode} label="Country code" hint="Two letters, e.g. AF for Afghanistan, PK for Pakistan." autoFocus={focus === "countryCode"} />
          <InputField field={fields.province} label="Province (optional)" autoFocus={focus === "province"} />
          <InputField field={fields.district} label="District (optional)" autoFocus={focus === "district"} />
          <InputField field={fields.placeName} label="Place name (optional)" hint="Town, village or border crossing." autoFocus={focus === "placeName"} />
          <InputField field={fields.latitude} label="Latitude (optional)" type="number" step="any" hint="Degrees north; give both coordinates or neither." autoFocus={focus === "latitude"} />
          <InputField field={fields.longitude} label="Longitude (optional)" type="number" step="any" hint="Degrees east." autoFocus={focus === "longitude"} />
          <SelectField field={fields.locationPrecision} label="Place known to the" options={LOCATION_OPTIONS} hint="Coordinates of a district or province stand for its centre." autoFocus={focus === "locationPrecision"} />
        </fieldset>
        <RecordPicker field={fields.perpetrator} label="Alleged perpetrator (optional)" type="actor" options={options.actors} placeholder="— not attributed —" autoFocus={focus === "perpetrator"} />
        <TextareaField field={fields.description} label="Summary" hint={TEXT_HINT} rows={6} autoFocus={focus === "description"} />
        <CitedSourcesFields fields={fields} options={options.sources} required focus={focus} />
        <EditorFooter summary={fields.summary} mode={mode} submitLabel={mode === "new" ? "Create incident" : "Save incident"} cancelTo={cancelTo} />
      </Form>
    </>
  );
}
