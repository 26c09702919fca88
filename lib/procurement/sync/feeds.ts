// The two official feeds the sync pages through, as their own documentation and the Open Contracting
// Partnership's collector (open-contracting/kingfisher-collect, the united_kingdom_* spiders) page them.
// Both answer an OCDS release package per page, walk a date window with an opaque `cursor`, and give the
// next page as a full URL in the package's `links.next` (the OCDS pagination extension); a page without
// it is the window's last.
import type { SyncSource } from "@/lib/procurement/vocabulary";

export type Feed = {
  label: string;
  /** The environment variable that points the sync at another host (a mirror, a proxy, a test server) */
  env: string;
  defaultBaseUrl: string;
  /** The search's path under the host, and its two date parameters (both bounds inclusive) */
  path: string;
  dateParams: [from: string, to: string];
  /** Length of one date window */
  windowDays: number;
  /** Pause between two requests, to stay under the feed's rate limit */
  minDelayMs: number;
  /** Statuses that mean "too many requests", and how long to wait when no Retry-After comes with them */
  rateLimit: { statuses: number[]; waitMs: number };
};

/** Both feeds take UTC date-times as YYYY-MM-DDTHH:MM:SS (Find a Tender allows 19 characters, no zone) */
const feedDateTime = (date: Date) => date.toISOString().slice(0, 19);

/** The largest page either feed serves (`limit`: 1 to 100, default 100) */
export const MAX_PAGE_SIZE = 100;

/** The first page of the window [from, to]; the next ones come from its links.next */
export function firstPageUrl(feed: Feed, baseUrl: string, from: Date, to: Date, limit: number): string {
  const url = new URL(feed.path, baseUrl.endsWith("/") ? baseUrl : `${baseUrl}/`);
  url.searchParams.set(feed.dateParams[0], feedDateTime(from));
  url.searchParams.set(feed.dateParams[1], feedDateTime(to));
  url.searchParams.set("limit", String(limit));
  return url.toString();
}

export const FEEDS: Record<SyncSource, Feed> = {
  // GET /Published/Notices/OCDS/Search?publishedFrom&publishedTo&stages&limit&cursor
  // (https://www.contractsfinder.service.gov.uk/apidocumentation/Notices/1/GET-Published-Notice-OCDS-Search).
  // publishedFrom/To bound "latest edit and first publication in current stage". Its rate limit is
  // undocumented in numbers: it answers 403 "Request forbidden: the request rate limit may have been
  // exceeded", after which "no further requests should be made until after 5 minutes". Kingfisher pages it
  // one request at a time in 15-day windows.
  "contracts-finder": {
    label: "Contracts Finder", env: "CONTRACTS_FINDER_URL", defaultBaseUrl: "https://www.contractsfinder.service.gov.uk",
    path: "Published/Notices/OCDS/Search", dateParams: ["publishedFrom", "publishedTo"],
    windowDays: 15, minDelayMs: 2_000, rateLimit: { statuses: [403, 429], waitMs: 300_000 },
  },
  // GET /api/1.0/ocdsReleasePackages?updatedFrom&updatedTo&stages&limit&cursor
  // (https://www.find-tender.service.gov.uk/apidocumentation/1.0/GET-ocdsReleasePackages). Behind Amazon ELB
  // it answers 429 ("12 request limit in 2 minute exceeded") and sometimes 503/504; Kingfisher waits 10 s
  // between requests, and pages one-day windows because longer ones do not return every release.
  "find-a-tender": {
    label: "Find a Tender", env: "FIND_A_TENDER_URL", defaultBaseUrl: "https://www.find-tender.service.gov.uk",
    path: "api/1.0/ocdsReleasePackages", dateParams: ["updatedFrom", "updatedTo"],
    windowDays: 1, minDelayMs: 10_000, rateLimit: { statuses: [429], waitMs: 30_000 },
  },
};
