import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { ExportSource } from "@/lib/db/pool";
import { streamExport, type ExportFormat } from "@/lib/export";
import { assertCodesExist, compileFilters, EXPLORER_EXPORT_COLUMNS, rowsQuery, SEARCH_THRESHOLD_SQL, type ExplorerFilters, type ExplorerScope } from "./explorer";

/** Every body matching the filters as a download, streamed through one of the team's export slots. */
export async function exportOrganisations(db: PrismaClient, source: ExportSource, scope: ExplorerScope, filters: ExplorerFilters, format: ExportFormat, options: { name?: string | null; bom?: boolean } = {}): Promise<Response> {
  // Unknown codes and lists are a 400 before any byte is sent
  const compiled = await compileFilters(db, scope, filters);
  await assertCodesExist(db, compiled);
  return streamExport(format, options.name, EXPLORER_EXPORT_COLUMNS, source, rowsQuery(compiled), { bom: options.bom, setup: [SEARCH_THRESHOLD_SQL] });
}
