// The building blocks every list page uses: a GET filter form (works without JavaScript, and its
// URL is the shareable view), messages for bad parameters, result meta with downloads, paging.
import { Form, useLocation } from "@remix-run/react";
import { Link } from "~/components/link";
import type { ReactNode } from "react";
import { enumLabel } from "@db/enums";
import type { ParamError } from "~/utils/query.server";

export function FilterForm({ legend = "Filter", children, resetTo }: { legend?: string; children: ReactNode; resetTo: string }) {
  return (
    <Form method="get" className="filters" aria-label={legend}>
      <fieldset>
        <legend>{legend}</legend>
        {children}
        <div className="field">
          <button type="submit">Apply</button>
        </div>
        <div className="field">
          <Link to={resetTo}>Clear filters</Link>
        </div>
      </fieldset>
    </Form>
  );
}

function fieldId(name: string) {
  return `filter-${name}`;
}

function FieldError({ name, errors }: { name: string; errors: ParamError[] }) {
  const error = errors.find((e) => e.parameter === name);
  return error ? (
    <span className="field-error" id={`${fieldId(name)}-error`}>
      {error.message}
    </span>
  ) : null;
}

function describedBy(name: string, errors: ParamError[]) {
  return errors.some((e) => e.parameter === name) ? `${fieldId(name)}-error` : undefined;
}

export function SelectFilter({
  name,
  label,
  value,
  options,
  errors,
  anyLabel = "Any",
}: {
  name: string;
  label: string;
  value: string | undefined;
  options: readonly (string | { value: string; label: string })[];
  errors: ParamError[];
  anyLabel?: string;
}) {
  return (
    <div className="field">
      <label htmlFor={fieldId(name)}>{label}</label>
      <select
        id={fieldId(name)}
        name={name}
        defaultValue={value ?? ""}
        aria-invalid={describedBy(name, errors) ? true : undefined}
        aria-describedby={describedBy(name, errors)}
      >
        <option value="">{anyLabel}</option>
        {options.map((o) => {
          const opt = typeof o === "string" ? { value: o, label: enumLabel(o) } : o;
          return (
            <option key={opt.value} value={opt.value}>
              {opt.label}
            </option>
          );
        })}
      </select>
      <FieldError name={name} errors={errors} />
    </div>
  );
}

export function DateFilter({ name, label, value, errors }: { name: string; label: string; value: string | undefined; errors: ParamError[] }) {
  return (
    <div className="field">
      <label htmlFor={fieldId(name)}>{label}</label>
      <input
        type="date"
        id={fieldId(name)}
        name={name}
        defaultValue={value ?? ""}
        aria-invalid={describedBy(name, errors) ? true : undefined}
        aria-describedby={describedBy(name, errors)}
      />
      <FieldError name={name} errors={errors} />
    </div>
  );
}

/**
 * A free text field. `hint` sits under the label and is read with the field: the place to name the
 * record a number or an address stands for, where a list of every choice would be too long to send.
 */
export function TextFilter({
  name,
  label,
  value,
  errors,
  hint,
  inputMode,
}: {
  name: string;
  label: string;
  value: string | undefined;
  errors: ParamError[];
  hint?: ReactNode;
  inputMode?: "numeric" | "text";
}) {
  const hintId = hint ? `${fieldId(name)}-hint` : undefined;
  const described = [hintId, describedBy(name, errors)].filter(Boolean).join(" ") || undefined;
  return (
    <div className="field">
      <label htmlFor={fieldId(name)}>{label}</label>
      <input
        type="text"
        id={fieldId(name)}
        name={name}
        inputMode={inputMode}
        defaultValue={value ?? ""}
        aria-invalid={describedBy(name, errors) ? true : undefined}
        aria-describedby={described}
      />
      {hint ? (
        <span className="field-hint" id={hintId}>
          {hint}
        </span>
      ) : null}
      <FieldError name={name} errors={errors} />
    </div>
  );
}

/** A summary of the bad parameters at the top of the list (the same messages also sit by their fields). */
export function ParamErrors({ errors }: { errors: ParamError[] }) {
  if (!errors.length) return null;
  return (
    <div className="alert" role="alert">
      <h2>Some filters could not be used</h2>
      <ul>
        {errors.map((e) => (
          <li key={e.parameter}>
            <strong>{e.parameter}</strong>: {e.message}
          </li>
        ))}
      </ul>
      <p>The list below ignores them.</p>
    </div>
  );
}

/** Result count line plus CSV/JSON downloads carrying the same filters. */
export function ListMeta({ shown, noun, plural = `${noun}s`, apiPath }: { shown: number; noun: string; plural?: string; apiPath: string }) {
  const location = useLocation();
  const params = new URLSearchParams(location.search);
  params.delete("after");
  params.delete("before");
  params.delete("limit");
  const csv = new URLSearchParams(params);
  csv.set("format", "csv");
  const json = params.toString();
  return (
    <div className="list-meta">
      <p className="muted" aria-live="polite">
        Showing {shown} {shown === 1 ? noun : plural} on this page.
      </p>
      <p className="downloads">
        Download all matching:{" "}
        <a href={`${apiPath}?${csv}`} aria-label={`Download all matching ${plural} as CSV`}>
          CSV
        </a>
        <a href={`${apiPath}${json ? `?${json}` : ""}`} aria-label={`Download all matching ${plural} as JSON`}>
          JSON
        </a>
      </p>
    </div>
  );
}

export function Pagination({ next, prev }: { next: string | null; prev: string | null }) {
  const location = useLocation();
  const href = (param: "after" | "before", cursor: string) => {
    const params = new URLSearchParams(location.search);
    params.delete("after");
    params.delete("before");
    params.set(param, cursor);
    return `${location.pathname}?${params}`;
  };
  const first = (() => {
    const params = new URLSearchParams(location.search);
    params.delete("after");
    params.delete("before");
    const s = params.toString();
    return `${location.pathname}${s ? `?${s}` : ""}`;
  })();
  if (!next && !prev) return null;
  return (
    <nav className="pagination" aria-label="Pages">
      {prev ? <Link to={first}>First page</Link> : null}
      {prev ? (
        <Link to={href("before", prev)} rel="prev">
          Previous page
        </Link>
      ) : null}
      {next ? (
        <Link to={href("after", next)} rel="next">
          Next page
        </Link>
      ) : null}
    </nav>
  );
}

export function Empty({ children }: { children: ReactNode }) {
  return <p className="empty">{children}</p>;
}
