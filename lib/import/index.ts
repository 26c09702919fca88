import path from "node:path";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { applyReferenceData, type ImportReport } from "./apply";
import { todayIso } from "@/lib/format";
import { readReferenceData } from "./sources";

export { ImportValidationError } from "./csv";
export { formatReport, type ImportReport } from "./apply";

export const DEFAULT_DATA_DIR = path.join(process.cwd(), "data");

// Today's date in the UK decides whether a body with a close date is closed yet
export { todayIso } from "@/lib/format";

/** Validates every file under dataDir, then loads all of it in one transaction, or nothing. */
export async function importReferenceData(
  db: PrismaClient,
  options: { dataDir?: string; today?: string } = {},
): Promise<ImportReport> {
  const today = options.today ?? todayIso();
  const data = readReferenceData({ dataDir: options.dataDir ?? DEFAULT_DATA_DIR, today });
  return applyReferenceData(db, data, today);
}
