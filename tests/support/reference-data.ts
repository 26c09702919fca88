import { ImportValidationError } from "@/lib/import";
import type { RowError } from "@/lib/import/csv";
import { readReferenceData } from "@/lib/import/sources";

/** The rows the importer refuses in `dataDir`; fails the test when it refuses nothing. */
export function refusalOf(dataDir: string, today: string): RowError[] {
  try {
    readReferenceData({ dataDir, today });
  } catch (error) {
    if (error instanceof ImportValidationError) return error.errors;
    throw error;
  }
  throw new Error("the data was not refused");
}
