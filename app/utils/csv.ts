export interface CsvColumn<Row> {
  header: string;
  value: (row: Row) => string | number | boolean | null | undefined;
}

/**
 * RFC 4180 CSV. Cells that a spreadsheet would run as a formula (=, +, -, @ at the start) are
 * prefixed with an apostrophe: text typed into Parley must never execute in an analyst's Excel.
 */
export function csvCell(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  let text = value;
  if (/^[=+\-@\t\r]/.test(text)) text = "'" + text;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvHeader<Row>(columns: CsvColumn<Row>[]): string {
  return columns.map((c) => csvCell(c.header)).join(",") + "\r\n";
}

export function csvRows<Row>(rows: Row[], columns: CsvColumn<Row>[]): string {
  return rows.map((row) => columns.map((c) => csvCell(c.value(row))).join(",") + "\r\n").join("");
}

export function toCsv<Row>(rows: Row[], columns: CsvColumn<Row>[]): string {
  return csvHeader(columns) + csvRows(rows, columns);
}
