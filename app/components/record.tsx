// Pieces every record page shares: its sources, the dates its sources disagree on, breadcrumbs.
import { Link } from "~/components/link";
import type { ReactNode } from "react";
import { enumLabel } from "@db/enums";
import type { CitationRef, DateAssertion } from "~/models/shared.server";
import { formatDate } from "~/utils/dates";

export function Breadcrumbs({ trail }: { trail: { to?: string; label: string }[] }) {
  return (
    <nav className="breadcrumbs" aria-label="Breadcrumb">
      <ol>
        {trail.map((t, i) => (
          <li key={i}>{t.to ? <Link to={t.to}>{t.label}</Link> : <span aria-current="page">{t.label}</span>}</li>
        ))}
      </ol>
    </nav>
  );
}

export function SourceList({ sources, heading = "Sources" }: { sources: CitationRef[]; heading?: string }) {
  return (
    <section aria-labelledby="sources-heading">
      <h2 id="sources-heading">{heading}</h2>
      {sources.length === 0 ? (
        <p className="muted">No source is cited.</p>
      ) : (
        <ol className="prose">
          {sources.map((s, i) => (
            <li key={`${s.sourceId}-${i}`}>
              <Link to={`/sources/${s.sourceId}`}>{s.title}</Link>, {s.publisher}
              {s.publishedOn ? `, ${formatDate(s.publishedOn, s.datePrecision)}` : ""} ({enumLabel(s.kind)})
              {s.locator ? `, ${s.locator}` : ""}
              {s.url ? (
                <>
                  {" · "}
                  <a href={s.url} rel="noopener noreferrer">
                    original
                  </a>
                </>
              ) : null}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

const FIELD_LABELS: Record<string, string> = {
  occurredOn: "Date of the incident",
  startDate: "Start date",
  endDate: "End date",
  takesEffectOn: "Date it took effect",
  expiresOn: "Expiry",
};

/** Where sources give different dates, each version with who gives it; nothing is silently picked. */
export function DateDisagreements({ assertions }: { assertions: DateAssertion[] }) {
  if (!assertions.length) return null;
  const byField = new Map<string, DateAssertion[]>();
  for (const a of assertions) byField.set(a.field, [...(byField.get(a.field) ?? []), a]);
  return (
    <section className="disagreement" aria-labelledby="dates-heading">
      <h2 id="dates-heading">Sources disagree on dates</h2>
      {[...byField].map(([field, list]) => (
        <div key={field}>
          <h3>{FIELD_LABELS[field] ?? field}</h3>
          <ul>
            {list.map((a, i) => (
              <li key={i}>
                <strong>{formatDate(a.value, a.precision)}</strong> according to{" "}
                <Link to={`/sources/${a.sourceId}`}>{a.sourceTitle}</Link> ({a.sourcePublisher}): {a.note}
              </li>
            ))}
          </ul>
        </div>
      ))}
    </section>
  );
}

const WEB_ADDRESS = /\bhttps?:\/\/[^\s<>"]+/gi;

/** "https://x.org/a)." in prose: the sentence's punctuation and an unopened ")" are not the address's. */
function trimAddress(address: string) {
  let url = address.replace(/[.,;:!?'"’”»]+$/, "");
  while (url.endsWith(")") && url.split("(").length < url.split(")").length) url = url.slice(0, -1).replace(/[.,;:!?'"’”»]+$/, "");
  return url;
}

/**
 * Plain text with its bare http(s) addresses as links. Everything else stays text, which React
 * escapes: markup and `javascript:` addresses an editor typed are shown, never run.
 */
function withLinks(text: string): ReactNode[] {
  const out: ReactNode[] = [];
  let from = 0;
  for (const match of text.matchAll(WEB_ADDRESS)) {
    const address = trimAddress(match[0]);
    let href: string | null = null;
    try {
      const url = new URL(address);
      if ((url.protocol === "http:" || url.protocol === "https:") && url.hostname) href = url.href;
    } catch {
      // Not an address after all: it stays text.
    }
    if (!href) continue;
    out.push(text.slice(from, match.index));
    out.push(
      <a key={match.index} href={href} rel="noopener noreferrer nofollow">
        {address}
      </a>,
    );
    from = match.index + address.length;
  }
  out.push(text.slice(from));
  return out;
}

/** Long texts as editors type them: paragraphs split by blank lines, web addresses as links. */
export function Paragraphs({ text }: { text: string }) {
  return (
    <div className="prose">
      {text
        .split(/\r?\n\s*\r?\n/)
        .filter(Boolean)
        .map((p, i) => (
          <p key={i}>{withLinks(p)}</p>
        ))}
    </div>
  );
}
