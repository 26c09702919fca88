// npm run procurement:import -- [PATH...]: OCDS release files or packages (folders walked for .json)
// and the shipped CSV; with no PATH, the shipped sample in data/procurement. Invalid releases are
// listed as `file: reason` while the rest load; a second run adds and changes nothing.
import path from "node:path";
import { createPrismaClient } from "../lib/db/client";
import { openDatabase } from "../lib/db/runtime";
import { formatProcurementReport, importPaths, SHIPPED_PATHS } from "../lib/procurement/import";
import { kickDetectionAndStop } from "../lib/alerts/kick";

const paths = process.argv.slice(2).map((p) => path.resolve(p));
const database = await openDatabase(() => {});
const db = createPrismaClient(database.url);
let code = 0;
try {
  const report = await importPaths(db, paths.length ? paths : SHIPPED_PATHS, { onProgress: (line) => console.log(line) });
  console.log(formatProcurementReport(report));
  // New notices wait in the alerts outbox: a worker (npm start, npm run worker) runs detection now rather than within the minute
  await kickDetectionAndStop(database.url);
} catch (error) {
  code = 1;
  console.error(error instanceof Error ? error.message : error);
} finally {
  await db.$disconnect();
  await database.stop();
}
process.exit(code);
