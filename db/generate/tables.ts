// What the generator writes, table by table, and the column-wise buffers that carry a batch of
// rows to PostgreSQL as one array per column (see load.ts).

type PgType = "integer" | "text" | "date" | "double precision";

export interface TableSpec {
  table: string;
  /** Columns sent from JavaScript, in `add` order. */
  columns: readonly (readonly [string, PgType])[];
  /** Columns filled by an SQL expression over the sent columns (timestamps, mostly). */
  derived?: Readonly<Record<string, string>>;
  /** Sent columns used only by `derived` expressions, not stored. */
  helpers?: readonly string[];
}

// Generated records were "entered" the day after the date they are about, at 09:00 UTC, so that
// timestamps are plausible and, unlike now(), the same on every run.
const entered = (dateColumn: string) => {
  const at = `${dateColumn} + interval '1 day 9 hours'`;
  return { created_at: at, updated_at: at };
};

export const SPECS = {
  actors: {
    table: "actors",
    columns: [["id", "integer"], ["slug", "text"], ["name", "text"], ["short_name", "text"], ["kind", "text"], ["country_code", "text"], ["description", "text"]],
    derived: entered("date '2015-01-01'"),
  },
  processes: {
    table: "processes",
    columns: [["id", "integer"], ["slug", "text"], ["name", "text"], ["description", "text"], ["entered_on", "date"]],
    derived: entered("entered_on"),
    helpers: ["entered_on"],
  },
  venues: {
    table: "venues",
    columns: [["id", "integer"], ["slug", "text"], ["city", "text"], ["country", "text"], ["country_code", "text"], ["latitude", "double precision"], ["longitude", "double precision"], ["description", "text"]],
    derived: entered("date '2015-01-01'"),
  },
  rounds: {
    table: "rounds",
    columns: [
      ["id", "integer"], ["slug", "text"], ["process_id", "integer"], ["venue_id", "integer"], ["title", "text"],
      ["start_date", "date"], ["start_precision", "text"], ["end_date", "date"], ["end_precision", "text"],
      ["format", "text"], ["outcome", "text"], ["summary", "text"],
    ],
    derived: entered("coalesce(end_date, start_date)"),
  },
  round_participants: {
    table: "round_participants",
    columns: [["round_id", "integer"], ["actor_id", "integer"], ["role", "text"], ["note", "text"]],
  },
  commitments: {
    table: "commitments",
    columns: [
      ["id", "integer"], ["process_id", "integer"], ["round_id", "integer"], ["title", "text"], ["wording", "text"], ["kind", "text"],
      ["announced_on", "date"], ["takes_effect_on", "date"], ["takes_effect_precision", "text"], ["expires_on", "date"],
      ["fulfilled_on", "date"], ["notes", "text"],
    ],
    derived: entered("coalesce(announced_on, takes_effect_on)"),
  },
  commitment_parties: {
    table: "commitment_parties",
    columns: [["commitment_id", "integer"], ["actor_id", "integer"]],
  },
  commitment_relations: {
    table: "commitment_relations",
    columns: [["commitment_id", "integer"], ["relation", "text"], ["related_commitment_id", "integer"]],
  },
  sources: {
    table: "sources",
    columns: [
      ["id", "integer"], ["kind", "text"], ["publisher", "text"], ["title", "text"], ["author", "text"],
      ["published_on", "date"], ["date_precision", "text"], ["url", "text"], ["notes", "text"],
    ],
    derived: entered("coalesce(published_on, date '2015-01-01')"),
  },
  incidents: {
    table: "incidents",
    columns: [
      ["id", "integer"], ["title", "text"], ["occurred_on", "date"], ["date_precision", "text"], ["ended_on", "date"],
      ["kind", "text"], ["country_code", "text"], ["province", "text"], ["district", "text"], ["place_name", "text"],
      ["latitude", "double precision"], ["longitude", "double precision"], ["location_precision", "text"],
      ["perpetrator_id", "integer"], ["summary", "text"],
    ],
    derived: entered("occurred_on"),
  },
  claims: {
    table: "claims",
    columns: [
      ["id", "integer"], ["incident_id", "integer"], ["claimant_id", "integer"], ["source_id", "integer"], ["locator", "text"],
      ["category", "text"], ["affected_id", "integer"], ["killed_low", "integer"], ["killed_high", "integer"], ["injured_low", "integer"],
      ["injured_high", "integer"], ["rank", "text"], ["notes", "text"], ["entered_on", "date"],
    ],
    // A claim is entered on its incident's date, the date it carries (migration 2026-11-25T0600);
    // written here, the row trigger that looks it up stays off during the load (index.ts).
    derived: { ...entered("entered_on"), incident_occurred_on: "entered_on" },
    helpers: ["entered_on"],
  },
  breaches: {
    table: "breaches",
    columns: [
      ["id", "integer"], ["commitment_id", "integer"], ["incident_id", "integer"], ["responsible_id", "integer"],
      ["alleged_by_id", "integer"], ["assessment", "text"], ["reasoning", "text"], ["entered_on", "date"],
    ],
    derived: entered("entered_on"),
    helpers: ["entered_on"],
  },
  citations: {
    table: "citations",
    columns: [
      ["id", "integer"], ["source_id", "integer"], ["locator", "text"], ["actor_id", "integer"], ["process_id", "integer"],
      ["round_id", "integer"], ["commitment_id", "integer"], ["incident_id", "integer"], ["breach_id", "integer"],
    ],
  },
  date_assertions: {
    table: "date_assertions",
    columns: [
      ["id", "integer"], ["round_id", "integer"], ["commitment_id", "integer"], ["incident_id", "integer"], ["field", "text"],
      ["value", "date"], ["precision", "text"], ["source_id", "integer"], ["note", "text"],
    ],
  },
} as const satisfies Record<string, TableSpec>;

export type TableKey = keyof typeof SPECS;

/** Tables filled by the generator, parents before children. */
export const TABLE_ORDER = Object.keys(SPECS) as TableKey[];

/** Tables with a serial id whose sequence must be moved past the explicit ids. */
export const SERIAL_TABLES = TABLE_ORDER.filter((k) => SPECS[k].columns[0][0] === "id");

/** A batch of rows for one table, held column by column. */
export class Rows {
  readonly columns: unknown[][];
  constructor(readonly spec: TableSpec) {
    this.columns = spec.columns.map(() => []);
  }
  add(...values: unknown[]): void {
    for (let i = 0; i < values.length; i++) this.columns[i].push(values[i]);
  }
  get length(): number {
    return this.columns[0].length;
  }
}

export type Batch = { [K in TableKey]?: Rows };

export type CitedColumn = "actor_id" | "process_id" | "round_id" | "commitment_id" | "incident_id" | "breach_id";
const CITED: readonly CitedColumn[] = ["actor_id", "process_id", "round_id", "commitment_id", "incident_id", "breach_id"];

/** Adds a citations row: the cited record's column set, the other five null (the schema's exactly-one rule). */
export function addCitation(rows: Rows, id: number, sourceId: number, locator: string | null, column: CitedColumn, recordId: number) {
  rows.add(id, sourceId, locator, ...CITED.map((c) => (c === column ? recordId : null)));
}
