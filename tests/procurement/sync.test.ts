// The sync against a local HTTP server that serves the real Contracts Finder sample releases
// (data/procurement/ocds/contracts-finder, shipped from ../shared/data) as release packages, paged as each official API
// pages: by date window, `limit` and an opaque `cursor`, the next page given in `links.next`.
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FEEDS } from "@/lib/procurement/sync/feeds";
import { retryAfterMs } from "@/lib/procurement/sync/http";
import { FeedError, FeedUnreachableError, syncProcurement, SyncUsageError, type SyncStore } from "@/lib/procurement/sync";
import { importReleases, type ReleaseInput } from "@/lib/procurement/import";
import { SyncLockedError, withSyncLock } from "@/lib/procurement/sync/lock";
import type { SyncSource } from "@/lib/procurement/vocabulary";
import { createTestDatabase, type TestDatabase } from "../support/database";

type Release = { id: string; ocid: string; date: string };
const SAMPLE = path.join(process.cwd(), "data/procurement/ocds/contracts-finder");
const RELEASES: Release[] = readdirSync(SAMPLE)
  .filter((file) => file.endsWith(".json"))
  .map((file) => JSON.parse(readFileSync(path.join(SAMPLE, file), "utf8")) as Release)
  .sort((a, b) => a.date.localeCompare(b.date) || a.id.localeCompare(b.id));
// The sample's releases run from 2025-01-23 to 2025-03-11
const SINCE = new Date("2025-01-23T00:00:00Z");
const UNTIL = new Date("2025-03-12T00:00:00Z");

type Fault = "429" | "500" | "drop" | null;
type FeedServer = {
  baseUrl: string;
  requests: string[];
  /** Each page served, as the releases it held */
  served: { url: string; releases: Release[] }[];
  fault: (url: string, index: number) => Fault;
  close(): Promise<void>;
};

const hex = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("hex");
const unhex = <T,>(value: string) => JSON.parse(Buffer.from(value, "hex").toString()) as T;

/**
 * Contracts Finder: /Published/Notices/OCDS/Search?publishedFrom&publishedTo&limit&cursor, whose next link
 * repeats the window with the cursor. Find a Tender: /api/1.0/ocdsReleasePackages?updatedFrom&updatedTo&limit,
 * whose next link carries only the cursor, which holds the window. There is no Find a Tender sample, so its
 * server re-packages the same real Contracts Finder releases, taking their `date` as when they were updated.
 */
async function startFeedServer(source: SyncSource): Promise<FeedServer> {
  const state: Omit<FeedServer, "baseUrl" | "close"> = { requests: [], served: [], fault: () => null };
  const server: Server = createServer((request, response) => {
    const url = new URL(request.url!, `http://${request.headers.host}`);
    const index = state.requests.push(url.toString()) - 1;
    const fault = state.fault(url.toString(), index);
    if (fault === "drop") return request.socket.destroy();
    if (fault === "429") return response.writeHead(429, { "retry-after": "7" }).end("12 request limit in 2 minute exceeded");
    if (fault === "500") return response.writeHead(500).end("Internal Server Error");

    let window: { from: string; to: string; limit: number; offset: number };
    const cursor = url.searchParams.get("cursor");
    if (source === "contracts-finder") {
      if (url.pathname !== "/Published/Notices/OCDS/Search") return response.writeHead(404).end();
      window = { from: url.searchParams.get("publishedFrom")!, to: url.searchParams.get("publishedTo")!, limit: Number(url.searchParams.get("limit") ?? 100), offset: cursor ? Number(Buffer.from(cursor, "base64").toString()) : 0 };
    } else {
      if (url.pathname !== "/api/1.0/ocdsReleasePackages") return response.writeHead(404).end();
      window = cursor ? unhex(cursor) : { from: url.searchParams.get("updatedFrom")!, to: url.searchParams.get("updatedTo")!, limit: Number(url.searchParams.get("limit") ?? 100), offset: 0 };
    }
    // Both bounds inclusive, in UTC, as the feeds take them
    const inWindow = RELEASES.filter((r) => r.date.slice(0, 19) >= window.from && r.date.slice(0, 19) <= window.to);
    const releases = inWindow.slice(window.offset, window.offset + window.limit);
    const more = window.offset + window.limit < inWindow.length;
    let next: string | undefined;
    if (more && source === "contracts-finder") {
      const nextUrl = new URL(url);
      nextUrl.searchParams.set("cursor", Buffer.from(String(window.offset + window.limit)).toString("base64"));
      next = nextUrl.toString();
    } else if (more) next = `${url.origin}${url.pathname}?cursor=${hex({ ...window, offset: window.offset + window.limit })}`;
    state.served.push({ url: url.toString(), releases });
    response.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({
      uri: url.toString(), version: "1.1", publishedDate: new Date().toISOString(),
      publisher: { name: "Cabinet Office", scheme: "GB-GOR", uid: "D2", uri: "https://www.gov.uk/government/organisations/cabinet-office" },
      license: "http://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/",
      publicationPolicy: "https://www.gov.uk/government/publications/open-contracting",
      releases,
      ...(next ? { links: { next } } : {}),
    }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(state, {
    baseUrl: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  });
}

/** A store that records what it was given, in place of the importer (wired in by the script) */
function recordingStore(onStore?: (inputs: ReleaseInput[]) => Promise<void>) {
  const calls: ReleaseInput[][] = [];
  const store: SyncStore = async (inputs) => {
    calls.push(inputs);
    await onStore?.(inputs);
    return { releasesAdded: inputs.length, releasesUnchanged: 0, processesChanged: 0, keyedByDate: 0, invalid: [] };
  };
  return { calls, store };
}

describe("npm run procurement:sync against a feed served locally", () => {
  let t: TestDatabase;
  const servers: FeedServer[] = [];
  const sleeps: number[] = [];
  const sleep = async (ms: number) => void sleeps.push(ms);
  const lines: string[] = [];
  const log = (line: string) => void lines.push(line);
  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(async () => {
    await Promise.all(servers.map((s) => s.close()));
    await t.drop();
  });
  const serve = async (source: SyncSource) => {
    const server = await startFeedServer(source);
    servers.push(server);
    return server;
  };
  const state = (source: SyncSource) => t.db.procurementSyncState.findUniqueOrThrow({ where: { source } });

  it("pages Contracts Finder window by window through links.next, stores every release as served, saves its position after each page, and waits as a 429 asks", async () => {
    const server = await serve("contracts-finder");
    let limited = false;
    server.fault = (_url, index) => (index === 2 && !limited ? ((limited = true), "429") : null);
    // What the state said while each page was being stored: it must still point at that page
    const positions: { cursor: string | null; since: Date | null; pagesFetched: number }[] = [];
    const { calls, store } = recordingStore(async () => void positions.push(await state("contracts-finder")));

    const result = await syncProcurement(t.db, { source: "contracts-finder", since: SINCE, until: UNTIL, baseUrl: server.baseUrl, pageSize: 20, store, sleep, log });

    // Every page's releases reach the store exactly as served, page by page, with the page as their origin
    const pages = server.served.filter((page) => page.releases.length > 0);
    expect(calls.map((inputs) => inputs.map((i) => i.origin)[0])).toEqual(pages.map((p) => p.url));
    expect(calls.map((inputs) => inputs.map((i) => i.release))).toEqual(pages.map((p) => p.releases));
    expect(new Set(calls.flat().map((i) => (i.release as Release).id))).toEqual(new Set(RELEASES.map((r) => r.id)));
    expect(sleeps).toContain(7000);
    expect(lines.some((line) => line.includes("HTTP 429 (rate limited)"))).toBe(true);

    // 15-day windows from --since, each first page asked for by date, its next pages through links.next
    const firsts = server.requests.filter((url) => !new URL(url).searchParams.has("cursor"));
    expect(firsts.map((url) => new URL(url).searchParams.get("publishedFrom"))).toEqual([
      "2025-01-23T00:00:00", "2025-02-07T00:00:00", "2025-02-22T00:00:00", "2025-03-09T00:00:00",
    ]);
    expect(new URL(firsts[0]!).searchParams.get("publishedTo")).toBe("2025-02-07T00:00:00");
    expect(new URL(firsts[0]!).searchParams.get("limit")).toBe("20");
    // The page that answered 429 was asked for again, once
    expect(server.requests.length).toBe(server.served.length + 1);
    expect(server.requests[3]).toBe(server.requests[2]);

    // While a page was stored, the state still pointed at it (its cursor, or its window's start): the
    // cursor past it is written only once its releases are in
    expect(positions).toHaveLength(pages.length);
    positions.forEach((position, n) => {
      const page = new URL(pages[n]!.url);
      if (page.searchParams.has("cursor")) expect(position.cursor).toBe(pages[n]!.url);
      else expect([position.cursor, position.since!.toISOString().slice(0, 19)]).toEqual([null, page.searchParams.get("publishedFrom")]);
    });
    expect(positions.map((p) => p.pagesFetched)).toEqual([...positions.map((p) => p.pagesFetched)].sort((a, b) => a - b));

    const done = await state("contracts-finder");
    expect(done).toMatchObject({ status: "done", cursor: null, pagesFetched: server.served.length, releasesSeen: server.served.flatMap((p) => p.releases).length, lastError: null });
    expect(done.since!.toISOString()).toBe("2025-03-09T00:00:00.000Z");
    expect(result).toMatchObject({ pagesFetched: server.served.length, releasesSeen: done.releasesSeen, releasesAdded: done.releasesSeen });
  });

  it("after giving up mid-way (a dropped connection, then 500s), resumes from the page after the last one stored and fetches only the remaining pages of Find a Tender", async () => {
    const server = await serve("find-a-tender");
    const options = { source: "find-a-tender" as const, until: UNTIL, baseUrl: server.baseUrl, pageSize: 10, sleep, log, maxAttempts: 3 };

    // A clean run, to know the pages: one-day windows, the next pages by cursor alone
    const clean = recordingStore();
    await syncProcurement(t.db, { ...options, since: SINCE, store: clean.store });
    const pages = server.served.map((p) => p.url);
    const cursorOnly = pages.filter((url) => new URL(url).searchParams.has("cursor"));
    expect(cursorOnly.length).toBeGreaterThan(0);
    expect(cursorOnly.every((url) => [...new URL(url).searchParams.keys()].join() === "cursor")).toBe(true);
    expect(new Set(clean.calls.flat().map((i) => (i.release as Release).id))).toEqual(new Set(RELEASES.map((r) => r.id)));
    expect(new URL(pages[0]!).searchParams.get("updatedTo")).toBe("2025-01-24T00:00:00");

    // --since starts a new window; the connection drops on a cursor page mid-way, then it answers 500
    const failAt = pages.indexOf(cursorOnly[Math.floor(cursorOnly.length / 2)]!);
    server.requests.length = 0;
    server.served.length = 0;
    let failures = 0;
    server.fault = (url) => (url === pages[failAt] ? (failures++ === 0 ? "drop" : "500") : null);
    const first = recordingStore();
    const failed = await syncProcurement(t.db, { ...options, since: SINCE, store: first.store }).catch((error: unknown) => error);
    expect(failed).toBeInstanceOf(FeedError);
    expect(failures).toBeGreaterThanOrEqual(3);
    const stopped = await state("find-a-tender");
    expect(stopped).toMatchObject({ status: "failed", cursor: pages[failAt], pagesFetched: failAt });
    expect(stopped.lastError).toContain("HTTP 500");

    // The second run, pointed at another host serving the same feed, starts at the page that failed and
    // asks for nothing before it
    const mirror = await serve("find-a-tender");
    server.requests.length = 0;
    const second = recordingStore();
    await syncProcurement(t.db, { ...options, baseUrl: mirror.baseUrl, store: second.store });
    expect(server.requests).toEqual([]);
    expect(mirror.requests).toEqual(pages.slice(failAt).map((url) => url.replace(server.baseUrl, mirror.baseUrl)));
    expect([...first.calls, ...second.calls].flat().map((i) => i.release)).toEqual(clean.calls.flat().map((i) => i.release));
    expect(await state("find-a-tender")).toMatchObject({ status: "done", pagesFetched: pages.length, lastError: null });
  });

  it("continues a finished sync from its last window, and --since resets the position and the counts", async () => {
    const server = await serve("find-a-tender");
    const options = { source: "find-a-tender" as const, until: UNTIL, baseUrl: server.baseUrl, sleep, log };
    await syncProcurement(t.db, { ...options, store: recordingStore().store });
    expect(new URL(server.requests[0]!).searchParams.get("updatedFrom")).toBe("2025-03-11T00:00:00");

    server.requests.length = 0;
    await syncProcurement(t.db, { ...options, since: new Date("2025-03-10T00:00:00Z"), store: recordingStore().store });
    expect(server.requests.map((url) => new URL(url).searchParams.get("updatedFrom"))).toEqual(["2025-03-10T00:00:00", "2025-03-11T00:00:00"]);
    expect(await state("find-a-tender")).toMatchObject({ status: "done", pagesFetched: 2 });
  });

  it("refuses to guess where a first sync starts", async () => {
    await t.db.procurementSyncState.delete({ where: { source: "contracts-finder" } });
    await expect(syncProcurement(t.db, { source: "contracts-finder", store: recordingStore().store, log })).rejects.toBeInstanceOf(SyncUsageError);
  });

  it("says in one line, naming the host and the variable to set, when the network does not reach the feed", async () => {
    const closed = await serve("find-a-tender");
    const { baseUrl } = closed;
    await closed.close();
    const host = new URL(baseUrl).host;
    sleeps.length = 0;
    const error = await syncProcurement(t.db, { source: "find-a-tender", since: SINCE, baseUrl, store: recordingStore().store, sleep, log }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FeedUnreachableError);
    expect((error as Error).message).toBe(`Cannot reach ${host} (ECONNREFUSED): the network does not reach Find a Tender; set ${FEEDS["find-a-tender"].env} to sync from another host.`);
    expect(sleeps).toEqual([]);
    expect(await state("find-a-tender")).toMatchObject({ status: "failed", lastError: (error as Error).message });

    // The command itself: that one line on stderr, no stack, a failing exit code
    const run = spawnSync(process.execPath, ["--import", "tsx", "scripts/procurement-sync.ts", "--source", "find-a-tender", "--since", "2025-01-23"], {
      env: { ...process.env, DATABASE_URL: t.url, FIND_A_TENDER_URL: baseUrl }, encoding: "utf8", timeout: 60_000,
    });
    expect(run.status).toBe(1);
    expect(run.stderr.trim().split("\n")).toEqual([(error as Error).message]);
  });

  it("runs one sync per feed at a time: a second run while the first holds the feed is refused at once, and the feed is free again after", async () => {
    let release!: () => void;
    let entered!: () => void;
    const holding = new Promise<void>((resolve) => (entered = resolve));
    const first = withSyncLock(t.url, "contracts-finder", () => {
      entered();
      return new Promise<string>((resolve) => (release = () => resolve("first")));
    });
    await holding;
    await expect(withSyncLock(t.url, "contracts-finder", async () => "second")).rejects.toBeInstanceOf(SyncLockedError);
    expect(await withSyncLock(t.url, "find-a-tender", async () => "other feed")).toBe("other feed");
    release();
    expect(await first).toBe("first");
    expect(await withSyncLock(t.url, "contracts-finder", async () => "after")).toBe("after");
  });

  it("into the real importer: the served releases become processes, and syncing the same window again changes nothing", async () => {
    const server = await serve("contracts-finder");
    await t.db.$executeRawUnsafe("DELETE FROM procurement_release; DELETE FROM procurement_process; DELETE FROM procurement_sync_state;");
    const store: SyncStore = (inputs) => importReleases(t.db, inputs);
    const first = await syncProcurement(t.db, { source: "contracts-finder", since: SINCE, until: UNTIL, baseUrl: server.baseUrl, pageSize: 50, store, sleep, log });
    const ocids = new Set(RELEASES.map((r) => r.ocid));
    // A process whose releases fall on two pages is compiled once per page, so count processes in the table
    expect(first).toMatchObject({ releasesSeen: RELEASES.length, releasesAdded: RELEASES.length, invalid: [] });
    expect(await t.db.procurementRelease.count()).toBe(RELEASES.length);
    expect(await t.db.procurementProcess.count({ where: { source: "contracts-finder", origin: "ocds" } })).toBe(ocids.size);
    const again = await syncProcurement(t.db, { source: "contracts-finder", since: SINCE, until: UNTIL, baseUrl: server.baseUrl, pageSize: 50, store, sleep, log });
    expect(again).toMatchObject({ releasesSeen: RELEASES.length, releasesAdded: 0, releasesUnchanged: RELEASES.length, processesChanged: 0 });
  });
});

describe("Retry-After", () => {
  it("is read as seconds or as an HTTP date", () => {
    const now = Date.parse("2025-03-11T12:00:00Z");
    expect(retryAfterMs("120", now)).toBe(120_000);
    expect(retryAfterMs("Tue, 11 Mar 2025 12:00:30 GMT", now)).toBe(30_000);
    expect(retryAfterMs(null, now)).toBeNull();
    expect(retryAfterMs("soon", now)).toBeNull();
  });
});
