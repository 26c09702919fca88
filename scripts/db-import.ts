// npm run db:import: validates data/ and loads it into the database (idempotent).
import { createPrismaClient } from "../lib/db/client";
import { openDatabase } from "../lib/db/runtime";
import { formatReport, importReferenceData, ImportValidationError } from "../lib/import";

const database = await openDatabase();
const db = createPrismaClient(database.url);
let exitCode = 0;
try {
  const report = await importReferenceData(db);
  console.log(formatReport(report));
} catch (error) {
  exitCode = 1;
  console.error(error instanceof ImportValidationError ? error.message : error);
} finally {
  await db.$disconnect();
  await database.stop();
}
process.exit(exitCode);
