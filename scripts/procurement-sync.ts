// npm run procurement:sync -- --source contracts-finder|find-a-tender [--since DATE]
// Pages through an official feed into the procurement tables, resuming where an interrupted run stopped.
import { createPrismaClient } from "../lib/db/client";
import { openDatabase } from "../lib/db/runtime";
import { importReleases } from "../lib/procurement/import";
import { kickDetectionAndStop } from "../lib/alerts/kick";
import { FeedError, FeedUnreachableError, syncProcurement, SyncUsageError } from "../lib/procurement/sync";
import { SyncLockedError, withSyncLock } from "../lib/procurement/sync/lock";
import { SYNC_SOURCES, type SyncSource } from "../lib/procurement/vocabulary";
import { parseArgs } from "./cli-args";

const USAGE = `Usage: npm run procurement:sync -- --source ${SYNC_SOURCES.join("|")} [--since YYYY-MM-DD]`;
let source: SyncSource;
let since: Date | undefined;
try {
  const args = parseArgs(process.argv.slice(2));
  if (!SYNC_SOURCES.includes(args.source as SyncSource)) throw new Error(`--source must be one of ${SYNC_SOURCES.join(", ")}`);
  source = args.source as SyncSource;
  if (args.since !== undefined) {
    since = new Date(String(args.since));
    if (!/^\d{4}-\d{2}-\d{2}/.test(String(args.since)) || Number.isNaN(since.getTime())) throw new Error(`--since must be a date (YYYY-MM-DD), not "${args.since}"`);
  }
} catch (error) {
  console.error(`${(error as Error).message}\n${USAGE}`);
  process.exit(2);
}

const database = await openDatabase(() => {});
const db = createPrismaClient(database.url);
let code = 0;
try {
  const result = await withSyncLock(database.url, source, () => syncProcurement(db, { source, since, store: (inputs) => importReleases(db, inputs) }));
  console.log(`[sync] done: ${result.pagesFetched} pages, ${result.releasesSeen} releases (${result.releasesAdded} added, ${result.releasesUnchanged} unchanged), ${result.processesChanged} processes changed`);
  for (const { origin, reason } of result.invalid) console.log(`${origin}: ${reason}`);
  if (result.releasesAdded > 0) await kickDetectionAndStop(database.url);
} catch (error) {
  code = 1;
  // What the network or the feed did wrong is one line, without a stack; anything else is a bug
  const known = error instanceof FeedUnreachableError || error instanceof FeedError || error instanceof SyncUsageError || error instanceof SyncLockedError;
  console.error(known ? (error as Error).message : error);
} finally {
  await db.$disconnect();
  await database.stop();
}
process.exit(code);
