// One column definition for every export: the CSV writer (lib/csv) writes each value as it is, the
// Excel writer (lib/xlsx) turns it into a cell of the column's type.

/**
 * text: a string cell, even when it looks like a number ("01F", "00C"); integer, number and money:
 * a number cell; date ("2026-07-01") and timestamp (ISO 8601, UTC): a date cell.
 */
export type ColumnType = "text" | "integer" | "number" | "money" | "date" | "timestamp";

export type ExportColumn<Row> = { header: string; type: ColumnType; value: (row: Row) => unknown };
