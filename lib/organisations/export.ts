import type { PrismaClient } from "@/lib/generated/prisma/client";
import type pg from "pg";
import { csvStream } from "@/lib/csv";
import { cursorBatches } from "@/lib/db/pool";
import { compileFilters, EXPLORER_CSV_COLUMNS, rowsQuery, SEARCH_THRESHOLD_SQL, type ExplorerFilters, type ExplorerRow, type ExplorerScope } from "./explorer";

/** Every body matching the filters as CSV, streamed from a server-side cursor in batches. */
export async function exportOrganisationsCsv(db: PrismaClient, pool: pg.Pool, scope: ExplorerScope, filters: ExplorerFilters, options: { bom?: boolean } = {}) {
  // Compiling first turns unknown codes and lists into a 400 before any byte is sent
  const compiled = await compileFilters(db, scope, filters);
  return csvStream<ExplorerRow>(EXPLORER_CSV_COLUMNS, cursorBatches<ExplorerRow>(pool, rowsQuery(compiled).build(), { setup: [SEARCH_THRESHOLD_SQL] }), options);
}
