// A select of records that stays a plain <select> without JavaScript (with a bounded list of
// options the loader chose, the current value always among them) and gains a search box with it:
// typing fetches matching records from /api/v1/lookup and puts them in the select.
import { getSelectProps, type FieldMetadata } from "@conform-to/react";
import { useFetcher } from "@remix-run/react";
import { useEffect, useState, type ReactNode } from "react";
import { FieldErrors, type Option } from "./form";

type Field = FieldMetadata<any, any, string[]>;

export function RecordPicker({
  field,
  label,
  type,
  options,
  placeholder,
  multiple,
  hint,
  autoFocus,
}: {
  field: Field;
  label: string;
  /** The lookup type: actor, source, commitment, incident, round, venue, process. */
  type: string;
  options: Option[];
  placeholder?: string;
  multiple?: boolean;
  hint?: ReactNode;
  autoFocus?: boolean;
}) {
  const fetcher = useFetcher<{ data: Option[] }>();
  const [hydrated, setHydrated] = useState(false);
  const [query, setQuery] = useState("");
  useEffect(() => setHydrated(true), []);
  useEffect(() => {
    if (!hydrated) return;
    const handle = setTimeout(() => fetcher.load(`/api/v1/lookup?type=${type}&q=${encodeURIComponent(query)}`), 200);
    return () => clearTimeout(handle);
    // fetcher identity changes every render; the query is what matters.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [query, type, hydrated]);
  // Options chosen from a search stay in the list after the search text changes.
  const [kept, setKept] = useState<Option[]>([]);
  const found = query && fetcher.data ? fetcher.data.data : [];
  const shown: Option[] = [];
  const seen = new Set<string>();
  for (const o of [...kept, ...found, ...options]) {
    if (!seen.has(o.value)) {
      seen.add(o.value);
      shown.push(o);
    }
  }
  const hintId = hint ? `${field.id}-hint` : undefined;
  return (
    <div className="field picker">
      <label htmlFor={field.id}>{label}</label>
      {hint ? (
        <span className="field-hint" id={hintId}>
          {hint}
        </span>
      ) : null}
      {hydrated ? (
        <input
          type="search"
          aria-label={`Search for ${label.toLowerCase()}`}
          placeholder="Type to search…"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          aria-controls={field.id}
        />
      ) : null}
      <select
        {...getSelectProps(field, { ariaDescribedBy: hintId })}
        multiple={multiple || undefined}
        size={multiple ? 6 : undefined}
        autoFocus={autoFocus || undefined}
        onChange={(e) => {
          const chosen = new Set(Array.from(e.currentTarget.selectedOptions, (o) => o.value));
          setKept(shown.filter((o) => chosen.has(o.value)));
        }}
      >
        {!multiple && placeholder !== undefined ? <option value="">{placeholder}</option> : null}
        {shown.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      {fetcher.state === "loading" ? <span className="field-hint" aria-live="polite">Searching…</span> : null}
      <FieldErrors field={field} />
    </div>
  );
}
