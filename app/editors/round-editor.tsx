import { getFormProps, type FieldMetadata } from "@conform-to/react";
import type { z } from "zod";
import { Form, useNavigation } from "@remix-run/react";
import { Link } from "~/components/link";
import { ACTOR_KINDS, COMMITMENT_KINDS, PARTICIPANT_ROLES, ROUND_FORMATS, ROUND_OUTCOMES, SOURCE_KINDS, enumLabel, type DatePrecision } from "@db/enums";
import { ConflictNotice, EditorErrors, EditorFooter, EditorHiddenFields, useEditorForm } from "~/components/editor";
import { CheckboxGroup, DateWithPrecision, InputField, SelectField, TextareaField, type Option } from "~/components/form";
import { RecordPicker } from "~/components/picker";
import { formatDate } from "~/utils/dates";
import { hasNewVenue, roundSchema, type RoundDefaults } from "./round";
import type { EditorReply } from "./save.server";

type Field = FieldMetadata<any, any, string[]>;

/** Up to this many actors, each participant list is a set of checkboxes; beyond, a searchable multi-select. */
const CHECKBOX_LIMIT = 40;
const MULTI_HINT = "Hold Ctrl (⌘ on a Mac) to choose several.";

export interface RoundEditorOptions {
  processes: Option[];
  venues: Option[];
  actors: Option[];
  sources: Option[];
}

export interface ExistingCommitment {
  id: number;
  title: string;
  kind: string;
  takesEffectOn: string;
  takesEffectPrecision: DatePrecision;
}

/** Several actors: checkboxes while they are few (best without JavaScript and with a screen reader). */
function ActorChoice({ field, legend, options, hint, autoFocus }: { field: Field; legend: string; options: Option[]; hint?: string; autoFocus?: boolean }) {
  return options.length <= CHECKBOX_LIMIT ? (
    <CheckboxGroup field={field} legend={legend} options={options} hint={hint} />
  ) : (
    <RecordPicker field={field} label={legend} type="actor" options={options} multiple hint={hint ? `${hint} ${MULTI_HINT}` : MULTI_HINT} autoFocus={autoFocus} />
  );
}

/** The one round form, for both creating and editing. */
export function RoundEditor({
  mode,
  defaultValue,
  version,
  lastResult,
  cancelTo,
  options,
  existingCommitments = [],
}: {
  mode: "new" | "edit";
  defaultValue?: RoundDefaults;
  version?: number;
  lastResult?: EditorReply;
  cancelTo: string;
  options: RoundEditorOptions;
  existingCommitments?: ExistingCommitment[];
}) {
  const schema = roundSchema(mode);
  const saving = useNavigation().state === "submitting";
  const [form, fields] = useEditorForm<typeof schema, z.input<typeof schema>>({
    id: `round-${mode}`,
    schema,
    lastResult,
    defaultValue: { startPrecision: "day", ...defaultValue },
  });
  const venue = fields.newVenue.getFieldset();
  const actorRows = fields.newActors.getFieldList().map((row) => ({ key: row.key, f: row.getFieldset() }));
  const sourceRows = fields.newSources.getFieldList().map((row) => ({ key: row.key, f: row.getFieldset() }));
  const commitmentRows = fields.commitments.getFieldList().map((row) => ({ key: row.key, f: row.getFieldset() }));
  const actorsPicked = options.actors.length > CHECKBOX_LIMIT;

  // Without JavaScript the page comes back from the server: focus the first control in error.
  // (Checkbox groups cannot take focus as a whole; Conform focuses them itself when scripts run.)
  const order: Field[] = [
    fields.title,
    fields.slug,
    fields.process,
    fields.startDate,
    fields.startPrecision,
    fields.endDate,
    fields.endPrecision,
    fields.venue,
    venue.city,
    venue.country,
    venue.countryCode,
    venue.latitude,
    venue.longitude,
    fields.format,
    fields.outcome,
    fields.roundSummary,
    ...(actorsPicked ? [fields.mediators, fields.hosts, fields.parties, fields.observers] : []),
    ...actorRows.flatMap(({ f }) => [f.name, f.kind, f.countryCode, f.role]),
    fields.sources,
    ...sourceRows.flatMap(({ f }) => [f.url, f.title, f.publisher, f.kind, f.publishedOn]),
    ...commitmentRows.flatMap(({ f }) => [f.title, f.wording, f.kind, ...(actorsPicked ? [f.boundActors] : []), f.takesEffectOn, f.takesEffectPrecision, f.expiresOn]),
    fields.summary,
  ];
  // A row added without JavaScript comes back from the server too: focus its first field.
  const added = lastResult?.intent?.type === "insert" ? lastResult.intent.payload.name : undefined;
  const firstOfNewest = (rows: { f: Record<string, Field> }[], first: string, list: Field) => (added === list.name ? rows.at(-1)?.f[first]?.name : undefined);
  const focus =
    order.find((f) => f.errors?.length)?.name ??
    firstOfNewest(actorRows, "name", fields.newActors) ??
    firstOfNewest(sourceRows, "url", fields.newSources) ??
    firstOfNewest(commitmentRows, "title", fields.commitments);
  const at = (f: Field) => focus === f.name;
  const venueOpen = hasNewVenue(fields.newVenue.initialValue as Record<string, unknown> | undefined) || Object.keys(fields.newVenue.allErrors).length > 0;

  return (
    <>
      <ConflictNotice reply={lastResult} />
      <Form method="post" {...getFormProps(form)} className="editor-form round-form">
        <EditorHiddenFields version={version} reply={lastResult} />
        {/* Enter in a text box presses the form's first submit button: make it this one, not "Remove new actor 1". */}
        <button type="submit" className="sr-only" tabIndex={-1} aria-hidden="true" disabled={saving}>
          Save
        </button>
        <EditorErrors form={form} reply={lastResult} fieldInError={focus} />

        <h2>The round</h2>
        <InputField field={fields.title} label="Title" hint="E.g. “Doha talks, October 2025”." autoFocus={at(fields.title)} />
        <InputField
          field={fields.slug}
          label="Short name in the URL (optional)"
          hint={mode === "new" ? "Made from the title when left empty." : "Left empty, the round keeps its current address."}
          autoFocus={at(fields.slug)}
        />
        <SelectField field={fields.process} label="Process" options={options.processes} placeholder="— choose —" autoFocus={at(fields.process)} />
        <DateWithPrecision legend="Start date" date={fields.startDate} precision={fields.startPrecision} focus={focus} />
        <DateWithPrecision legend="End date (optional)" date={fields.endDate} precision={fields.endPrecision} focus={focus} />
        <SelectField field={fields.venue} label="Venue" options={options.venues} placeholder="— none —" autoFocus={at(fields.venue)} />
        <details className="inline-new" open={venueOpen || undefined}>
          <summary>Add a venue that is not in the list</summary>
          <fieldset className="field-group">
            <legend>New venue</legend>
            <p className="field-hint">Fill these in only if the venue is missing from the list above (leave the list at “— none —”): saving the round creates the venue too.</p>
            <InputField field={venue.city} label="City" autoFocus={at(venue.city)} />
            <InputField field={venue.country} label="Country" autoFocus={at(venue.country)} />
            <InputField field={venue.countryCode} label="Country code" hint="Two letters, e.g. QA for Qatar." autoFocus={at(venue.countryCode)} />
            <InputField field={venue.latitude} label="Latitude" type="number" step="any" hint="Degrees north (negative for south)." autoFocus={at(venue.latitude)} />
            <InputField field={venue.longitude} label="Longitude" type="number" step="any" hint="Degrees east (negative for west)." autoFocus={at(venue.longitude)} />
          </fieldset>
        </details>
        <SelectField field={fields.format} label="Format" options={ROUND_FORMATS} placeholder="— choose —" autoFocus={at(fields.format)} />
        <SelectField field={fields.outcome} label="Outcome" options={ROUND_OUTCOMES} placeholder="— choose —" autoFocus={at(fields.outcome)} />
        <TextareaField
          field={fields.roundSummary}
          label="Round summary (optional)"
          hint="Plain text: separate paragraphs with a blank line; web addresses become links."
          rows={6}
          autoFocus={at(fields.roundSummary)}
        />

        <h2>Participants</h2>
        <ActorChoice field={fields.mediators} legend="Mediators" options={options.actors} autoFocus={at(fields.mediators)} />
        <ActorChoice field={fields.hosts} legend="Hosts" options={options.actors} autoFocus={at(fields.hosts)} />
        <ActorChoice field={fields.parties} legend="Parties" options={options.actors} autoFocus={at(fields.parties)} />
        <ActorChoice field={fields.observers} legend="Observers" options={options.actors} autoFocus={at(fields.observers)} />
        <p className="field-hint">An actor missing from these lists can be added here: saving the round creates it, with the role you give it.</p>
        {actorRows.map(({ key, f }, i) => (
          <fieldset key={key} className="field-group">
            <legend>New actor {i + 1}</legend>
            <InputField field={f.name} label="Name" autoFocus={at(f.name)} />
            <SelectField field={f.kind} label="Kind of actor" options={ACTOR_KINDS} placeholder="— choose —" autoFocus={at(f.kind)} />
            <InputField field={f.countryCode} label="Country code (optional)" hint="Two letters, e.g. PK." autoFocus={at(f.countryCode)} />
            <SelectField field={f.role} label="Role in this round" options={PARTICIPANT_ROLES} placeholder="— choose —" autoFocus={at(f.role)} />
            <button {...form.remove.getButtonProps({ name: fields.newActors.name, index: i })}>Remove new actor {i + 1}</button>
          </fieldset>
        ))}
        <p>
          <button {...form.insert.getButtonProps({ name: fields.newActors.name })}>Add a new actor</button>
        </p>

        <h2>Sources</h2>
        <RecordPicker
          field={fields.sources}
          label="Sources cited"
          type="source"
          options={options.sources}
          multiple
          hint={`${MULTI_HINT} New commitments cite these sources too.`}
          autoFocus={at(fields.sources)}
        />
        <p className="field-hint">A source not on record yet can be added here: saving the round creates it (a web address already on record cites that source instead).</p>
        {sourceRows.map(({ key, f }, i) => (
          <fieldset key={key} className="field-group">
            <legend>New source {i + 1}</legend>
            <InputField field={f.url} label="Web address (optional)" type="url" hint="Starting with https://" autoFocus={at(f.url)} />
            <InputField field={f.title} label="Source title" autoFocus={at(f.title)} />
            <InputField field={f.publisher} label="Publisher" autoFocus={at(f.publisher)} />
            <SelectField field={f.kind} label="Kind of source" options={SOURCE_KINDS} placeholder="— choose —" autoFocus={at(f.kind)} />
            <InputField field={f.publishedOn} label="Date published (optional)" type="date" autoFocus={at(f.publishedOn)} />
            <button {...form.remove.getButtonProps({ name: fields.newSources.name, index: i })}>Remove new source {i + 1}</button>
          </fieldset>
        ))}
        <p>
          <button {...form.insert.getButtonProps({ name: fields.newSources.name, defaultValue: { kind: "news" } })}>Add a new source</button>
        </p>

        <h2>Commitments made at this round</h2>
        {mode === "edit" ? (
          existingCommitments.length ? (
            <ul className="existing-commitments">
              {existingCommitments.map((c) => (
                <li key={c.id}>
                  <Link to={`/commitments/${c.id}`}>{c.title}</Link> ({enumLabel(c.kind).toLowerCase()}, from {formatDate(c.takesEffectOn, c.takesEffectPrecision)}) ·{" "}
                  <Link to={`/commitments/${c.id}/edit`} aria-label={`Edit commitment: ${c.title}`}>
                    Edit
                  </Link>
                </li>
              ))}
            </ul>
          ) : (
            <p className="muted">No commitment is recorded for this round yet.</p>
          )
        ) : null}
        <p className="field-hint">
          New commitments are created with the round, cite its sources, and bind its parties unless you tick other actors.
          {mode === "edit" ? " Recorded ones are changed on their own pages." : ""}
        </p>
        {commitmentRows.map(({ key, f }, i) => (
          <fieldset key={key} className="field-group">
            <legend>New commitment {i + 1}</legend>
            <InputField field={f.title} label="Commitment title" hint="A few words, e.g. “Immediate ceasefire”." autoFocus={at(f.title)} />
            <TextareaField field={f.wording} label="Wording" hint="As the sources give it." rows={3} autoFocus={at(f.wording)} />
            <SelectField field={f.kind} label="Kind of commitment" options={COMMITMENT_KINDS} placeholder="— choose —" autoFocus={at(f.kind)} />
            <ActorChoice field={f.boundActors} legend="Bound actors" hint="Leave all unticked to bind the round's parties." options={options.actors} autoFocus={at(f.boundActors)} />
            <DateWithPrecision legend="Takes effect" date={f.takesEffectOn} precision={f.takesEffectPrecision} focus={focus} />
            <InputField field={f.expiresOn} label="Expires on (optional)" type="date" autoFocus={at(f.expiresOn)} />
            <button {...form.remove.getButtonProps({ name: fields.commitments.name, index: i })}>Remove new commitment {i + 1}</button>
          </fieldset>
        ))}
        <p>
          <button
            {...form.insert.getButtonProps({
              name: fields.commitments.name,
              defaultValue: { takesEffectOn: typeof fields.startDate.value === "string" ? fields.startDate.value : undefined, takesEffectPrecision: "day" },
            })}
          >
            Add a commitment
          </button>
        </p>

        <EditorFooter summary={fields.summary} mode={mode} submitLabel={mode === "new" ? "Create round" : "Save round"} cancelTo={cancelTo} />
      </Form>
    </>
  );
}
