// npm run bench:pages: the main pages of the production build on the real data, signed in.
// Lighthouse 12 with its mobile defaults (performance, LCP, total blocking time, CLS,
// accessibility) on the dashboard, the explorer, a profile and a list; then the time to first byte
// and the LCP of each page in Chromium, cold (the first load after the server started, empty
// browser cache) and warm (the median of three more loads in the same browser context).
// Heavy: run it under the shared lock, `flock /tmp/atlas-bench.lock npm run bench:pages`.
// --reuse-build skips the build when .next-bench-pages already holds one. The Lighthouse reports
// are written to test-results/lighthouse/<page>.json.
import { mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import * as chromeLauncher from "chrome-launcher";
import lighthouse from "lighthouse";
import { chromium as playwright, type BrowserContext } from "playwright-core";
import { createUserByOperator } from "../lib/auth/accounts";
import { CLOSED_STAGES, STAGES } from "../lib/target-lists/vocabulary";
import type { Db } from "../lib/db/client";
import { chromiumPath, withAppUnderTest } from "./app-under-test";

const CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];
const USER = { email: "bench@example.com", password: "a long bench password, never used elsewhere", team: "Bench team" };
const WARM_LOADS = 3;
const REPORT_DIR = path.join(process.cwd(), "test-results", "lighthouse");
const OPEN_STAGES = STAGES.filter((stage) => !CLOSED_STAGES.includes(stage));

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
  await withAppUnderTest({ label: "bench:pages", distDir: ".next-bench-pages", database: "atlas_bench_pages", reuseBuild: process.argv.includes("--reuse-build") }, async ({ baseUrl, db }) => {
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
    const timings: { page: string; cold: { ttfbMs: number; lcpMs: number }; warm: { ttfbMs: number; lcpMs: number } }[] = [];
    try {
      const signIn = await signedInContext(baseUrl, browser);
      const state = await signIn.storageState();
      cookie = state.cookies.map((c) => `${c.name}=${c.value}`).join("; ");
      await signIn.close();
      for (const [page, url] of pages) {
        const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, storageState: state });
        const cold = await timeLoad(context, `${baseUrl}${url}`);
        const warm: { ttfbMs: number; lcpMs: number }[] = [];
        for (let i = 0; i < WARM_LOADS; i++) warm.push(await timeLoad(context, `${baseUrl}${url}`));
        timings.push({ page, cold, warm: { ttfbMs: median(warm.map((w) => w.ttfbMs)), lcpMs: median(warm.map((w) => w.lcpMs)) } });
        await context.close();
      }
    } finally {
      await browser.close();
    }

    const scores: Score[] = [];
    for (const [page, url] of pages.filter(([page]) => page !== "lists")) scores.push(await runLighthouse(`${baseUrl}${url}`, page, cookie));

    const [one, five, fifteen] = os.loadavg().map((l) => l.toFixed(2));
    console.log(`\n[bench:pages] ${new Date().toISOString()}, ${os.cpus().length} × ${os.cpus()[0]?.model ?? "CPU"}, load average ${one} ${five} ${fifteen}`);
    console.log("\nLighthouse 12, mobile defaults, signed in (targets: performance >= 95, TBT < 200 ms, accessibility 100)");
    console.log("  page        performance   LCP ms   TBT ms     CLS   accessibility   failing accessibility audits");
    for (const s of scores) {
      console.log(`  ${s.page.padEnd(10)} ${String(s.performance).padStart(12)} ${String(s.lcpMs).padStart(8)} ${String(s.tbtMs).padStart(8)} ${s.cls.toFixed(3).padStart(7)} ${String(s.accessibility).padStart(15)}   ${s.failing.join(", ") || "-"}`);
      if (s.performance < 95 || s.tbtMs >= 200 || s.accessibility < 100) exitCode = 1;
    }
    console.log(`\nChromium (desktop, no throttling): cold = first load after the server started, empty cache; warm = median of ${WARM_LOADS} more`);
    console.log("  page        cold TTFB ms   cold LCP ms   warm TTFB ms   warm LCP ms");
    for (const t of timings) {
      console.log(`  ${t.page.padEnd(10)} ${String(t.cold.ttfbMs).padStart(12)} ${String(t.cold.lcpMs).padStart(13)} ${String(t.warm.ttfbMs).padStart(14)} ${String(t.warm.lcpMs).padStart(13)}`);
    }
  });
} catch (error) {
  console.error(error);
  exitCode = 1;
}
console.log(exitCode === 0 ? "\n[bench:pages] every page meets its targets" : "\n[bench:pages] a page misses its targets (or the run failed)");
process.exit(exitCode);
