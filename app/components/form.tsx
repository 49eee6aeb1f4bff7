// Labelled form fields with their errors beside them (Conform metadata), shared by every editor
// and account form. Everything works as a plain HTML form; Conform adds validation as one types.
import { getInputProps, getSelectProps, getTextareaProps, type FieldMetadata } from "@conform-to/react";
import type { ReactNode } from "react";
import { DATE_PRECISIONS, enumLabel } from "@db/enums";

type Field = FieldMetadata<any, any, string[]>;
export interface Option {
  value: string;
  label: string;
}

export function FieldErrors({ field }: { field: Field }) {
  return field.errors ? (
    <span className="field-error" id={field.errorId}>
      {field.errors.join(" ")}
    </span>
  ) : null;
}

/**
 * The form's own errors (not tied to one field), announced when they appear. While it holds
 * one it can take focus, for a refusal that no field is to blame for.
 */
export function FormErrors({ id, errors, autoFocus }: { id: string; errors: string[] | undefined; autoFocus?: boolean }) {
  const shown = Boolean(errors?.length);
  return (
    <div id={id} role="alert" tabIndex={shown ? -1 : undefined} autoFocus={(shown && autoFocus) || undefined}>
      {shown ? <p className="alert">{errors!.join(" ")}</p> : null}
    </div>
  );
}

function Hint({ id, hint }: { id?: string; hint?: ReactNode }) {
  return hint ? (
    <span className="field-hint" id={id}>
      {hint}
    </span>
  ) : null;
}

export function InputField({
  field,
  label,
  type = "text",
  hint,
  autoComplete,
  autoFocus,
  step,
}: {
  field: Field;
  label: string;
  type?: "text" | "email" | "password" | "number" | "date" | "url";
  hint?: ReactNode;
  autoComplete?: string;
  /** For the first field in error when the page comes back from the server without JavaScript. */
  autoFocus?: boolean;
  step?: string;
}) {
  const hintId = hint ? `${field.id}-hint` : undefined;
  return (
    <div className="field">
      <label htmlFor={field.id}>{label}</label>
      <Hint id={hintId} hint={hint} />
      <input {...getInputProps(field, { type, ariaDescribedBy: hintId })} autoComplete={autoComplete} autoFocus={autoFocus || undefined} step={step} />
      <FieldErrors field={field} />
    </div>
  );
}

export function TextareaField({ field, label, hint, rows = 5, autoFocus }: { field: Field; label: string; hint?: ReactNode; rows?: number; autoFocus?: boolean }) {
  const hintId = hint ? `${field.id}-hint` : undefined;
  return (
    <div className="field field-wide">
      <label htmlFor={field.id}>{label}</label>
      <Hint id={hintId} hint={hint} />
      <textarea {...getTextareaProps(field, { ariaDescribedBy: hintId })} rows={rows} autoFocus={autoFocus || undefined} />
      <FieldErrors field={field} />
    </div>
  );
}

export function SelectField({
  field,
  label,
  options,
  placeholder,
  hint,
  autoFocus,
}: {
  field: Field;
  label: string;
  options: readonly (Option | string)[];
  /** An empty first option, e.g. "— none —", for optional choices. */
  placeholder?: string;
  hint?: ReactNode;
  autoFocus?: boolean;
}) {
  const hintId = hint ? `${field.id}-hint` : undefined;
  return (
    <div className="field">
      <label htmlFor={field.id}>{label}</label>
      <Hint id={hintId} hint={hint} />
      <select {...getSelectProps(field, { ariaDescribedBy: hintId })} autoFocus={autoFocus || undefined}>
        {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
        {options.map((o) => {
          const opt = typeof o === "string" ? { value: o, label: enumLabel(o) } : o;
          return (
            <option key={opt.value} value={opt.value}>
              {opt.label}
            </option>
          );
        })}
      </select>
      <FieldErrors field={field} />
    </div>
  );
}

/**
 * A date with how precisely it is known, as one group: the precision says how to read the date.
 * `focus` is the name of the form's first field in error, which may be either of the two.
 */
export function DateWithPrecision({ date, precision, legend, focus }: { date: Field; precision: Field; legend: string; focus?: string }) {
  return (
    <fieldset className="field-group">
      <legend>{legend}</legend>
      <InputField field={date} label="Date" type="date" autoFocus={focus === date.name} />
      <SelectField field={precision} label="Known to the" options={DATE_PRECISIONS} autoFocus={focus === precision.name} />
    </fieldset>
  );
}

/**
 * Several choices from a list as checkboxes: works without JavaScript and with a screen reader.
 * `field` is an array field of values.
 */
export function CheckboxGroup({
  field,
  legend,
  options,
  hint,
  autoFocus,
}: {
  field: Field;
  legend: string;
  options: readonly Option[];
  hint?: ReactNode;
  /** Focuses the first box, for the first group in error after a server round trip. */
  autoFocus?: boolean;
}) {
  const chosen = new Set<string>([field.initialValue ?? []].flat().map(String));
  return (
    <fieldset className="field-group checkbox-group" aria-describedby={field.errors ? field.errorId : undefined}>
      <legend>{legend}</legend>
      <Hint hint={hint} />
      <div className="checkbox-list">
        {options.map((o, i) => (
          <label key={o.value}>
            <input type="checkbox" name={field.name} value={o.value} defaultChecked={chosen.has(o.value)} autoFocus={(autoFocus && i === 0) || undefined} /> {o.label}
          </label>
        ))}
      </div>
      <FieldErrors field={field} />
    </fieldset>
  );
}

/** The name of the first field that has errors, to focus it. */
export function firstInvalid(fields: Record<string, Field>, order: string[]): string | undefined {
  return order.find((name) => fields[name]?.errors?.length);
}

/**
 * One choice among a few, each with a line saying what it means (a breach's assessment, a
 * claim's rank): radio buttons in a fieldset, so the meaning is read with the choice.
 */
export function RadioGroup({
  field,
  legend,
  options,
  hint,
  autoFocus,
}: {
  field: Field;
  legend: string;
  options: readonly (Option & { hint?: string })[];
  hint?: ReactNode;
  autoFocus?: boolean;
}) {
  const chosen = String(field.initialValue ?? "");
  const hintId = hint ? `${field.id}-hint` : undefined;
  return (
    <fieldset className="field-group radio-group" aria-describedby={[hintId, field.errors ? field.errorId : undefined].filter(Boolean).join(" ") || undefined}>
      <legend>{legend}</legend>
      <Hint id={hintId} hint={hint} />
      {options.map((o, i) => {
        const id = `${field.id}-${o.value}`;
        return (
          <div key={o.value} className="radio-option">
            <input
              type="radio"
              id={id}
              name={field.name}
              value={o.value}
              defaultChecked={chosen === o.value}
              aria-invalid={field.errors ? true : undefined}
              aria-describedby={o.hint ? `${id}-hint` : undefined}
              autoFocus={(autoFocus && i === 0) || undefined}
            />{" "}
            <label htmlFor={id}>{o.label}</label>
            {o.hint ? (
              <span className="field-hint" id={`${id}-hint`}>
                {o.hint}
              </span>
            ) : null}
          </div>
        );
      })}
      <FieldErrors field={field} />
    </fieldset>
  );
}
