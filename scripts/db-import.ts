// npm run db:import: validates data/ and loads it into the database (idempotent).
import { createPrismaClient } from "../lib/db/client";
import { openDatabase } from "../lib/db/runtime";
import { formatReport, importReferenceData, ImportValidationError } from "../lib/import";
import { formatBuyerMatchSummary, rematchBuyers } from "../lib/procurement/buyers";

const database = await openDatabase();
const db = createPrismaClient(database.url);
let exitCode = 0;
try {
  const report = await importReferenceData(db);
  console.log(formatReport(report));
  // Bodies and their names may have changed: notices' buyers are matched again
  const { changed, summary } = await rematchBuyers(db);
  console.log(`[procurement] ${changed} notices matched differently; ${formatBuyerMatchSummary(summary)}`);
} catch (error) {
  exitCode = 1;
  console.error(error instanceof ImportValidationError ? error.message : error);
} finally {
  await db.$disconnect();
  await database.stop();
}
process.exit(exitCode);
