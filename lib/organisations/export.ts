import type { PrismaClient } from "@/lib/generated/prisma/client";
import { cursorBatches, type ExportSource } from "@/lib/db/pool";
import { exportResponse, type ExportFormat } from "@/lib/export";
import { compileFilters, EXPLORER_EXPORT_COLUMNS, rowsQuery, SEARCH_THRESHOLD_SQL, type ExplorerFilters, type ExplorerRow, type ExplorerScope } from "./explorer";

/** Every body matching the filters as a download, streamed from a server-side cursor in batches. */
export async function exportOrganisations(db: PrismaClient, source: ExportSource, scope: ExplorerScope, filters: ExplorerFilters, format: ExportFormat, options: { name?: string | null; bom?: boolean } = {}): Promise<Response> {
  // Compiling first turns unknown codes and lists into a 400 before any byte is sent
  const compiled = await compileFilters(db, scope, filters);
  return exportResponse(format, options.name, EXPLORER_EXPORT_COLUMNS, await cursorBatches<ExplorerRow>(source, rowsQuery(compiled).build(), { setup: [SEARCH_THRESHOLD_SQL] }), options);
}
