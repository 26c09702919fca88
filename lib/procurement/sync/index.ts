// npm run procurement:sync: pages through an official feed, window by window, and hands each page's
// releases to the store (the importer). Its position lives in procurement_sync_state, written after the
// page's releases are stored, so an interrupted run resumes at the first page not yet stored; re-fetching
// a page is harmless because the import is idempotent.
import type { Db } from "@/lib/db/client";
import type { ReleaseImportReport, ReleaseInput } from "@/lib/procurement/import";
import { PROCUREMENT_SOURCE_LABELS, type SyncSource } from "@/lib/procurement/vocabulary";
import { FEEDS, firstPageUrl, MAX_PAGE_SIZE } from "./feeds";
import { createFeedClient, FeedError, type Fetch, type Sleep } from "./http";

export { FeedError, FeedUnreachableError } from "./http";

/** Where each page's releases go: the importer's importReleases, or a recorder in tests */
export type SyncStore = (inputs: ReleaseInput[]) => Promise<ReleaseImportReport>;

export type SyncOptions = {
  source: SyncSource;
  /** Starts a new window from this date; without it the sync resumes, or continues from where the last one ended */
  since?: Date;
  /** The feed's host; default the env variable the feed names, then the official host */
  baseUrl?: string;
  store: SyncStore;
  /** The sync stops after the window that reaches this date (default now) */
  until?: Date;
  pageSize?: number;
  fetch?: Fetch;
  log?: (line: string) => void;
  sleep?: Sleep;
  /** Pause between requests (default the feed's) */
  minDelayMs?: number;
  /** Tries of one page before the run gives up (default 5) */
  maxAttempts?: number;
};

export type SyncResult = Omit<ReleaseImportReport, "invalid"> & {
  source: SyncSource;
  pagesFetched: number;
  releasesSeen: number;
  invalid: ReleaseImportReport["invalid"];
};

/** A sync that cannot start as asked (nothing to resume, a bad option) */
export class SyncUsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SyncUsageError";
  }
}

const DAY_MS = 86_400_000;
const realSleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const day = (date: Date) => date.toISOString().slice(0, 10);

/** A stored next-page URL moved onto the host the sync is pointed at now (a resume after setting the env variable) */
function onHost(pageUrl: string, baseUrl: string): string {
  const url = new URL(pageUrl);
  const base = new URL(baseUrl);
  url.protocol = base.protocol;
  url.host = base.host;
  return url.toString();
}

/** Marks the source's sync as running: a new window with `since`, otherwise a resume or a continuation. */
async function beginRun(db: Db, source: SyncSource, since: Date | undefined, log: (line: string) => void) {
  const label = PROCUREMENT_SOURCE_LABELS[source];
  const fresh = { status: "running", pagesFetched: 0, releasesSeen: 0, lastError: null, startedAt: new Date() };
  if (since) {
    log(`[sync] ${label}: a new sync from ${since.toISOString()}`);
    return db.procurementSyncState.upsert({ where: { source }, create: { source, since, cursor: null, ...fresh }, update: { since, cursor: null, ...fresh } });
  }
  const state = await db.procurementSyncState.findUnique({ where: { source } });
  if (!state?.since) throw new SyncUsageError(`No ${label} sync has run yet: give --since YYYY-MM-DD to say where it starts.`);
  if (state.status === "done") {
    // The last window was paged up to the end of that run: page it again, and on to today
    log(`[sync] ${label}: continuing from the window of ${day(state.since)}, where the last sync ended`);
    return db.procurementSyncState.update({ where: { source }, data: { ...fresh, cursor: null } });
  }
  log(`[sync] ${label}: resuming the ${state.status} sync after page ${state.pagesFetched} (window of ${day(state.since)})`);
  return db.procurementSyncState.update({ where: { source }, data: { status: "running", lastError: null } });
}

export async function syncProcurement(db: Db, options: SyncOptions): Promise<SyncResult> {
  const { source, store } = options;
  const feed = FEEDS[source];
  const log = options.log ?? console.log;
  const sleep = options.sleep ?? realSleep;
  const baseUrl = options.baseUrl ?? process.env[feed.env] ?? feed.defaultBaseUrl;
  const until = options.until ?? new Date();
  const pageSize = options.pageSize ?? MAX_PAGE_SIZE;
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > MAX_PAGE_SIZE) throw new SyncUsageError(`The page size must be 1 to ${MAX_PAGE_SIZE}.`);
  const client = createFeedClient({
    feed, log, sleep,
    fetch: options.fetch ?? ((url, init) => fetch(url, init)),
    maxAttempts: options.maxAttempts ?? 5,
    minDelayMs: options.minDelayMs ?? feed.minDelayMs,
  });

  let state = await beginRun(db, source, options.since, log);
  const result: SyncResult = { source, pagesFetched: 0, releasesSeen: 0, releasesAdded: 0, releasesUnchanged: 0, processesChanged: 0, keyedByDate: 0, invalid: [] };
  try {
    while (state.status === "running") {
      const windowFrom = state.since!;
      const windowTo = new Date(windowFrom.getTime() + feed.windowDays * DAY_MS);
      const url = state.cursor ? onHost(state.cursor, baseUrl) : firstPageUrl(feed, baseUrl, windowFrom, windowTo, pageSize);
      const page = await client.getPage(url);
      if (page.releases.length > 0) {
        const report = await store(page.releases.map((release) => ({ release, origin: url })));
        result.releasesAdded += report.releasesAdded;
        result.releasesUnchanged += report.releasesUnchanged;
        result.processesChanged += report.processesChanged;
        result.keyedByDate += report.keyedByDate;
        result.invalid.push(...report.invalid);
      }
      result.pagesFetched++;
      result.releasesSeen += page.releases.length;

      const next = typeof page.links?.next === "string" && page.links.next ? new URL(page.links.next, url).toString() : null;
      if (next === url) throw new FeedError(`${feed.label} gave the page it was on as its next page (${url})`);
      // The window's last page: the next window, unless this one reaches the end of the run (it is kept,
      // so the next run pages it again with whatever has been published since)
      const position = next ? { cursor: next } : windowTo < until ? { cursor: null, since: windowTo } : { cursor: null, status: "done" };
      state = await db.procurementSyncState.update({
        where: { source },
        data: { ...position, pagesFetched: { increment: 1 }, releasesSeen: { increment: page.releases.length } },
      });
      log(`[sync] ${feed.label}: page ${state.pagesFetched} (window ${day(windowFrom)} to ${day(windowTo)}): ${page.releases.length} releases; ${state.releasesSeen} in this sync${state.status === "done" ? "; done" : ""}`);
    }
  } catch (error) {
    await db.procurementSyncState.update({ where: { source }, data: { status: "failed", lastError: (error as Error).message } });
    throw error;
  }
  return result;
}
