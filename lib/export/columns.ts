// One column definition for every export: the CSV writer (lib/csv) writes each value as it is, the
// Excel writer (lib/xlsx) turns it into a cell of the column's type.
import { alias, sql, type Sql } from "@/lib/db/sql";

/**
 * text: a string cell, even when it looks like a number ("01F", "00C"); integer, number and money:
 * a number cell; date ("2026-07-01") and timestamp (ISO 8601, UTC): a date cell.
 */
export type ColumnType = "text" | "integer" | "number" | "money" | "date" | "timestamp";

export type ExportColumn<Row> = { header: string; type: ColumnType; value: (row: Row) => unknown };

/**
 * A column CSV exports can also read through COPY (lib/csv csvColumnsQuery): `sql` is its value from
 * the row query's columns as `r`, whose text CsvCopyWriter writes as csvCell writes a string, or
 * with `number` set, an int4 (node-postgres gives a number, which csvCell writes as it is).
 */
export type CopyColumn<Row> = ExportColumn<Row> & { sql: Sql; number?: boolean };

/**
 * A column that is one column of the row query, under the same name. An integer column must be an
 * int4; any other must be text in the row query (dates through to_char, numerics as ::text).
 */
export function fieldColumn<Row>(field: keyof Row & string, type: ColumnType): CopyColumn<Row> {
  return { header: field, type, value: (row) => row[field], sql: sql`r.${alias(field)}`, number: type === "integer" };
}
