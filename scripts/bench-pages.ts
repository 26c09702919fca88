// npm run bench:pages: the main pages of the production build, signed in.
// 1. On the real data (a throwaway embedded PostgreSQL, as npm run test:e2e): Lighthouse 12 with its
//    mobile defaults (performance, LCP, total blocking time, CLS, accessibility) on the dashboard,
//    the explorer, a profile and a list; then the time to first byte and the LCP of each page in
//    Chromium, cold (the first load after the server started, empty browser cache) and warm (the
//    median of three more loads in the same browser context).
// 2. At 100x (npm run bench's atlas_bench, never migrated or written to here but for the bench
//    user's session): the same Chromium timings, each page cold on a server started for it alone.
// Heavy: run it under the shared lock, `flock /tmp/atlas-bench.lock npm run bench:pages`.
// --reuse-build skips the build when .next-bench-pages already holds one; --only 1x or --only 100x
// runs one part. The Lighthouse reports are written to test-results/lighthouse/<page>.json, a
// screenshot of each page (wide and phone-sized) to test-results/pages.
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import * as chromeLauncher from "chrome-launcher";
import lighthouse from "lighthouse";
import { encode } from "next-auth/jwt";
import pg from "pg";
import { chromium as playwright, type Browser, type BrowserContext } from "playwright-core";
import { createUserByOperator } from "../lib/auth/accounts";
import { createSession } from "../lib/auth/sessions";
import { CLOSED_STAGES, STAGES } from "../lib/target-lists/vocabulary";
import { createPrismaClient, type Db } from "../lib/db/client";
import { listMigrations } from "../lib/db/migrate";
import { chromiumPath, withAppUnderTest } from "./app-under-test";
import { openBenchServer } from "./bench/database";
import { GENERATION_VERSION, readMarker } from "./bench/generate";
import { startInstance, stopInstance } from "./bench-http/instances";
import { runNextBuild } from "./next-build";

const CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];
const USER = { email: "bench@example.com", password: "a long bench password, never used elsewhere", team: "Bench team" };
const WARM_LOADS = 3;
const REPORT_DIR = path.join(process.cwd(), "test-results", "lighthouse");
const SCREENSHOT_DIR = path.join(process.cwd(), "test-results", "pages");
const OPEN_STAGES = STAGES.filter((stage) => !CLOSED_STAGES.includes(stage));
const DIST_DIR = ".next-bench-pages";
const args = process.argv.slice(2);
const only = args.includes("--only") ? args[args.indexOf("--only") + 1] : null;
if (only !== null && only !== "1x" && only !== "100x") throw new Error("--only takes 1x or 100x");
/** The 100x user: a member of "Bench team 1", the team whose five lists npm run bench times */
const BENCH_100X = { email: "bench-pages@bench.invalid", password: "bench pages correct horse battery", team: "Bench team 1" };

/** A list of the team's, as a bid team keeps one: the English ICBs, real bodies from the import. */
async function createList(db: Db, userId: string, teamId: string): Promise<string> {
  const icbs = await db.organisation.findMany({ where: { kind: "icb", status: "open" }, select: { id: true }, orderBy: { name: "asc" } });
  const list = await db.targetList.create({ data: { teamId, name: "ICB bids 2027", createdById: userId } });
  await db.targetListEntry.createMany({ data: icbs.map((icb, i) => ({ listId: list.id, organisationId: icb.id, addedById: userId, stage: OPEN_STAGES[i % OPEN_STAGES.length] })) });
  return list.id;
}

async function signedInContext(baseUrl: string, browser: Awaited<ReturnType<typeof playwright.launch>>): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.goto(`${baseUrl}/sign-in`);
  await page.getByLabel("Email").fill(USER.email);
  await page.getByLabel("Password").fill(USER.password);
  await page.getByLabel("Password").press("Enter");
  await page.waitForURL((url) => !url.pathname.startsWith("/sign-in"), { timeout: 20_000 });
  await page.close();
  return context;
}

/** Time to first byte and LCP of one load, from the page's own navigation and paint timings. */
async function timeLoad(context: BrowserContext, url: string): Promise<{ ttfbMs: number; lcpMs: number }> {
  const page = await context.newPage();
  await page.goto(url, { waitUntil: "load" });
  if (new URL(page.url()).pathname.startsWith("/sign-in")) throw new Error(`${url} sent the bench user to sign in`);
  const timing = await page.evaluate(async () => {
    const navigation = performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming;
    const lcp = await new Promise<number>((resolve) => {
      new PerformanceObserver((list) => resolve(list.getEntries().at(-1)!.startTime)).observe({ type: "largest-contentful-paint", buffered: true });
      setTimeout(() => resolve(-1), 3000);
    });
    return { ttfbMs: navigation.responseStart, lcpMs: lcp };
  });
  await page.close();
  return { ttfbMs: Math.round(timing.ttfbMs), lcpMs: Math.round(timing.lcpMs) };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

type Load = { ttfbMs: number; lcpMs: number };
type Timing = { page: string; cold: Load; warm: Load };
type StorageState = Awaited<ReturnType<BrowserContext["storageState"]>>;

/** Cold: the first load in a new context (a fresh profile: no cache); warm: the median of WARM_LOADS more in it. */
async function timePage(browser: Browser, state: StorageState, page: string, url: string): Promise<Timing> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, storageState: state });
  try {
    const cold = await timeLoad(context, url);
    const warm: Load[] = [];
    for (let i = 0; i < WARM_LOADS; i++) warm.push(await timeLoad(context, url));
    return { page, cold, warm: { ttfbMs: median(warm.map((w) => w.ttfbMs)), lcpMs: median(warm.map((w) => w.lcpMs)) } };
  } finally {
    await context.close();
  }
}

/** Each page as it looks once loaded, wide and phone-sized, to look at after a change (test-results/pages). */
async function screenshots(browser: Browser, state: StorageState, pages: [string, string][], baseUrl: string) {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  for (const [label, viewport] of [["desktop", { width: 1280, height: 900 }], ["phone", { width: 412, height: 823 }]] as const) {
    const context = await browser.newContext({ viewport, storageState: state });
    const page = await context.newPage();
    for (const [name, url] of pages) {
      await page.goto(`${baseUrl}${url}`, { waitUntil: "load" });
      await page.waitForTimeout(500);
      await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}-${label}.png`), fullPage: true });
    }
    await context.close();
  }
}

function printTimings(title: string, timings: Timing[]) {
  console.log(`\n${title}`);
  console.log("  page        cold TTFB ms   cold LCP ms   warm TTFB ms   warm LCP ms");
  for (const t of timings) {
    console.log(`  ${t.page.padEnd(10)} ${String(t.cold.ttfbMs).padStart(12)} ${String(t.cold.lcpMs).padStart(13)} ${String(t.warm.ttfbMs).padStart(14)} ${String(t.warm.lcpMs).padStart(13)}`);
  }
}

const loadAverage = () => os.loadavg().map((l) => l.toFixed(2)).join(" ");

/**
 * The Chromium timings at 100x: each page on a `next start` of its own on atlas_bench, so its cold
 * load is the first request the server answers (the route's code not yet loaded, no connection in
 * the pool yet). PostgreSQL's cache is the shared server's, warm from whatever ran before.
 */
async function timeAt100x() {
  const server = await openBenchServer((line) => console.log(line));
  try {
    if (!(await server.exists())) throw new Error("atlas_bench does not exist: run npm run bench first (it generates the 100x data)");
    const admin = new pg.Client({ connectionString: server.url });
    await admin.connect();
    try {
      const marker = await readMarker(admin);
      if (marker?.version !== GENERATION_VERSION) throw new Error(`atlas_bench holds no finished generation of version ${GENERATION_VERSION}: run npm run bench first`);
      const applied = new Set((await admin.query<{ name: string }>("SELECT migration_name AS name FROM _prisma_migrations WHERE finished_at IS NOT NULL")).rows.map((r) => r.name));
      const pending = listMigrations().filter((m) => !applied.has(m.name));
      if (pending.length) throw new Error(`atlas_bench lacks migrations ${pending.map((m) => m.name).join(", ")}: run npm run bench first (it migrates)`);
      console.log(`[bench:pages] 100x: ${server.where}, generated ${marker.generatedAt}`);
    } finally {
      await admin.end();
    }

    const secret = randomBytes(32).toString("base64url");
    const env = { ...process.env, DATABASE_URL: server.url, NEXTAUTH_SECRET: secret, NODE_ENV: "production" as const, ATLAS_DIST_DIR: DIST_DIR };
    if (!existsSync(path.join(process.cwd(), DIST_DIR, "BUILD_ID"))) runNextBuild(env, DIST_DIR, { quiet: true });

    const db = createPrismaClient(server.url);
    let sessionId: string | null = null;
    try {
      // Through the app's own functions, as npm run bench:http makes its caller
      const { userId, teamId } = await createUserByOperator(db, { ...BENCH_100X, role: "analyst" });
      const session = await createSession(db, { userId, teamId, ip: "127.0.0.1", userAgent: "npm run bench:pages" });
      sessionId = session.id;
      const jwt = await encode({ token: { sid: session.id, sub: userId }, secret });
      const list = await db.targetList.findFirstOrThrow({ where: { teamId, archivedAt: null }, orderBy: { entries: { _count: "desc" } }, select: { id: true, _count: { select: { entries: true } } } });
      const pages: [string, string][] = [
        ["dashboard", "/"],
        ["explorer", "/explorer"],
        ["profile", "/organisations/QYG"],
        ["lists", "/lists"],
        ["list", `/lists/${list.id}`],
      ];
      const before = loadAverage();
      const browser = await playwright.launch({ executablePath: chromiumPath, args: CHROMIUM_FLAGS });
      const timings: Timing[] = [];
      try {
        for (const [page, url] of pages) {
          const instance = await startInstance(env);
          try {
            const state: StorageState = { cookies: [{ name: "next-auth.session-token", value: jwt, domain: "localhost", path: "/", expires: -1, httpOnly: true, secure: false, sameSite: "Lax" }], origins: [] };
            timings.push(await timePage(browser, state, page, `${instance.url}${url}`));
          } finally {
            await stopInstance(instance);
          }
        }
      } finally {
        await browser.close();
      }
      printTimings(
        `Chromium at 100x (atlas_bench; the list has ${list._count.entries.toLocaleString("en-GB")} entries), desktop, no throttling: cold = first load on a server just started for that page, new browser context; warm = median of ${WARM_LOADS} more. Load average before / after: ${before} / ${loadAverage()}`,
        timings,
      );
    } finally {
      if (sessionId) await db.session.update({ where: { id: sessionId }, data: { revokedAt: new Date() } });
      await db.$disconnect();
    }
  } finally {
    await server.stop();
  }
}

type Score = { page: string; performance: number; lcpMs: number; tbtMs: number; cls: number; accessibility: number; failing: string[] };

async function runLighthouse(url: string, page: string, cookie: string): Promise<Score> {
  const chrome = await chromeLauncher.launch({ chromePath: chromiumPath, chromeFlags: CHROMIUM_FLAGS });
  try {
    // Lighthouse's defaults: the mobile form factor, simulated slow 4G and a 4x slower CPU
    const result = await lighthouse(url, { port: chrome.port, output: "json", logLevel: "error", onlyCategories: ["performance", "accessibility"], extraHeaders: { Cookie: cookie } });
    if (!result) throw new Error(`Lighthouse gave no result for ${url}`);
    const { lhr } = result;
    // The whole report, to read what a score is made of (test-results/ is not committed)
    mkdirSync(REPORT_DIR, { recursive: true });
    writeFileSync(path.join(REPORT_DIR, `${page}.json`), JSON.stringify(lhr));
    if (new URL(lhr.finalDisplayedUrl).pathname.startsWith("/sign-in")) throw new Error(`Lighthouse was sent to sign in from ${url}`);
    const audit = (id: string) => lhr.audits[id]?.numericValue ?? NaN;
    const accessibility = lhr.categories.accessibility!;
    // Each failing audit with the first elements it names, to find them in the page
    const failing = accessibility.auditRefs
      .filter((ref) => ref.weight > 0 && lhr.audits[ref.id]?.score === 0)
      .map((ref) => {
        const details = lhr.audits[ref.id]?.details as { items?: { node?: { selector?: string } }[] } | undefined;
        const selectors = (details?.items ?? []).slice(0, 3).map((item) => item.node?.selector).filter(Boolean);
        return selectors.length ? `${ref.id} (${selectors.join(" | ")})` : ref.id;
      });
    return {
      page,
      performance: Math.round((lhr.categories.performance!.score ?? 0) * 100),
      lcpMs: Math.round(audit("largest-contentful-paint")),
      tbtMs: Math.round(audit("total-blocking-time")),
      cls: Number(audit("cumulative-layout-shift").toFixed(3)),
      accessibility: Math.round((accessibility.score ?? 0) * 100),
      failing,
    };
  } finally {
    chrome.kill();
  }
}

let exitCode = 0;
try {
  if (only !== "100x") await atRealData();
  if (only !== "1x") await timeAt100x();
} catch (error) {
  console.error(error);
  exitCode = 1;
}
console.log(exitCode === 0 ? "\n[bench:pages] every page meets its targets" : "\n[bench:pages] a page misses its targets (or the run failed)");
process.exit(exitCode);

async function atRealData() {
  await withAppUnderTest({ label: "bench:pages", distDir: DIST_DIR, database: "atlas_bench_pages", reuseBuild: args.includes("--reuse-build") }, async ({ baseUrl, db }) => {
    const { userId, teamId } = await createUserByOperator(db, { ...USER, role: "owner" });
    const listId = await createList(db, userId, teamId);
    const pages: [string, string][] = [
      ["dashboard", "/"],
      ["explorer", "/explorer"],
      ["profile", "/organisations/QYG"],
      ["lists", "/lists"],
      ["list", `/lists/${listId}`],
    ];

    const browser = await playwright.launch({ executablePath: chromiumPath, args: CHROMIUM_FLAGS });
    let cookie = "";
    const timings: Timing[] = [];
    try {
      const signIn = await signedInContext(baseUrl, browser);
      const state = await signIn.storageState();
      cookie = state.cookies.map((c) => `${c.name}=${c.value}`).join("; ");
      await signIn.close();
      for (const [page, url] of pages) timings.push(await timePage(browser, state, page, `${baseUrl}${url}`));
      await screenshots(browser, state, pages, baseUrl);
    } finally {
      await browser.close();
    }

    const scores: Score[] = [];
    for (const [page, url] of pages.filter(([page]) => page !== "lists")) scores.push(await runLighthouse(`${baseUrl}${url}`, page, cookie));

    console.log(`\n[bench:pages] ${new Date().toISOString()}, ${os.cpus().length} × ${os.cpus()[0]?.model ?? "CPU"}, load average ${loadAverage()}`);
    console.log("\nLighthouse 12, mobile defaults, signed in (targets: performance >= 95, TBT < 200 ms, accessibility 100)");
    console.log("  page        performance   LCP ms   TBT ms     CLS   accessibility   failing accessibility audits");
    for (const s of scores) {
      console.log(`  ${s.page.padEnd(10)} ${String(s.performance).padStart(12)} ${String(s.lcpMs).padStart(8)} ${String(s.tbtMs).padStart(8)} ${s.cls.toFixed(3).padStart(7)} ${String(s.accessibility).padStart(15)}   ${s.failing.join(", ") || "-"}`);
      if (s.performance < 95 || s.tbtMs >= 200 || s.accessibility < 100) exitCode = 1;
    }
    printTimings(`Chromium on the real data (desktop, no throttling): cold = first load after the server started, empty cache; warm = median of ${WARM_LOADS} more`, timings);
  });
}
