// Fetching one page of a feed politely: a fixed pause between requests, the wait a rate limit asks for,
// exponential backoff with jitter on network errors and 5xx, and a plain one-line error when the host
// cannot be reached at all.
import type { Feed } from "./feeds";

export type Fetch = (url: string, init: { headers: Record<string, string>; signal: AbortSignal }) => Promise<Response>;
export type Sleep = (ms: number) => Promise<void>;

/** What a feed page holds: an OCDS release package */
export type ReleasePackage = { releases: unknown[]; links?: { next?: unknown } };

/** The host does not answer at all (DNS or connection failure): the network does not reach it. */
export class FeedUnreachableError extends Error {
  constructor(feed: Feed, host: string, code: string) {
    super(`Cannot reach ${host} (${code}): the network does not reach ${feed.label}; set ${feed.env} to sync from another host.`);
    this.name = "FeedUnreachableError";
  }
}

/** The feed answered, but not with a page, after every retry (or with an answer retrying cannot change). */
export class FeedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "FeedError";
  }
}

const CONNECTION_FAILURES = new Set(["ENOTFOUND", "EAI_AGAIN", "ECONNREFUSED", "EHOSTUNREACH", "ENETUNREACH", "UND_ERR_CONNECT_TIMEOUT"]);
const REQUEST_TIMEOUT_MS = 60_000;
const BACKOFF_BASE_MS = 1_000;
const BACKOFF_MAX_MS = 60_000;

/** The error code under undici's "fetch failed" (its cause, or the cause's cause for DNS errors). */
function networkCode(error: unknown): string {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string") return code;
    current = (current as { cause?: unknown }).cause;
  }
  return (error as Error)?.name === "TimeoutError" ? "ETIMEDOUT" : "network error";
}

/** Retry-After in seconds or as an HTTP date (RFC 9110 10.2.3), in milliseconds */
export function retryAfterMs(header: string | null, now = Date.now()): number | null {
  if (!header) return null;
  if (/^\d+$/.test(header.trim())) return Number(header.trim()) * 1000;
  const date = Date.parse(header);
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}

export type FeedClientOptions = {
  feed: Feed;
  fetch: Fetch;
  sleep: Sleep;
  log: (line: string) => void;
  maxAttempts: number;
  minDelayMs: number;
};

export function createFeedClient({ feed, fetch, sleep, log, maxAttempts, minDelayMs }: FeedClientOptions) {
  let lastRequestAt: number | null = null;
  let hostAnswered = false;

  async function request(url: string): Promise<Response> {
    if (lastRequestAt !== null) {
      const wait = minDelayMs - (Date.now() - lastRequestAt);
      if (wait > 0) await sleep(wait);
    }
    lastRequestAt = Date.now();
    return fetch(url, { headers: { accept: "application/json" }, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
  }

  const backoff = (attempt: number) => {
    const ceiling = Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** (attempt - 1));
    return Math.round(ceiling / 2 + (Math.random() * ceiling) / 2);
  };

  /** GETs one page, retrying what can pass; throws FeedUnreachableError or FeedError when it gives up. */
  async function getPage(url: string): Promise<ReleasePackage> {
    const host = new URL(url).host;
    for (let attempt = 1; ; attempt++) {
      let problem: string;
      let wait: number;
      try {
        const response = await request(url);
        hostAnswered = true;
        if (response.ok) {
          const body = (await response.json()) as ReleasePackage;
          if (!body || !Array.isArray(body.releases)) throw new FeedError(`${url} did not answer an OCDS release package (no "releases" array)`);
          return body;
        }
        await response.body?.cancel();
        problem = `HTTP ${response.status}`;
        if (feed.rateLimit.statuses.includes(response.status)) {
          wait = retryAfterMs(response.headers.get("retry-after")) ?? feed.rateLimit.waitMs;
          problem += " (rate limited)";
        } else if (response.status >= 500) wait = backoff(attempt);
        else throw new FeedError(`${feed.label} answered ${problem} for ${url}`);
      } catch (error) {
        if (error instanceof FeedError) throw error;
        const code = networkCode(error);
        // A host that has never answered in this run is not there: say so at once rather than back off
        if (CONNECTION_FAILURES.has(code) && (!hostAnswered || attempt >= maxAttempts)) throw new FeedUnreachableError(feed, host, code);
        problem = error instanceof SyntaxError ? "a truncated or invalid JSON body" : `network error (${code})`;
        wait = backoff(attempt);
      }
      if (attempt >= maxAttempts) throw new FeedError(`${feed.label} gave ${problem} for ${url}, ${maxAttempts} times; giving up`);
      log(`[sync] ${feed.label}: ${problem}; retrying in ${(wait / 1000).toFixed(1)} s (attempt ${attempt + 1} of ${maxAttempts})`);
      await sleep(wait);
    }
  }

  return { getPage };
}
