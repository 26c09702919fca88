// The dashboard in real Chromium, for a new team (empty states) and for a team with lists, entries
// and notes: screenshots at 1280 and 390 px under test-results/screenshots, checks that the charts
// drew, that nothing is wider than the window, that the table view and the CSV work, and axe.
// Called as one step of tests/e2e/journey.e2e.ts; also runnable on its own against a running app.
import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import path from "node:path";
import { checkAccessibility } from "./axe";
import type { Browser, Page } from "playwright-core";
import type { Db } from "../../lib/db/client";
import { createUserByOperator } from "../../lib/auth/accounts";
import { seedTeamWork } from "../dashboard/seed";

const PASSWORD = "dashboard demo password";
const WIDTHS = [1280, 390] as const;

async function signIn(page: Page, baseUrl: string, email: string) {
  await page.goto(`${baseUrl}/sign-in`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByLabel("Password").press("Enter");
  await page.waitForURL((url) => !url.pathname.startsWith("/sign-in"), { timeout: 20_000 });
}

/**
 * Scrolls through the page as a reader would (each chart renders when it scrolls near the
 * viewport), back to the top, then waits until every chart has drawn its bars (recharts renders
 * after measuring its box).
 */
/** Scrolls down the page as a reader would, so what renders as it comes into view (the charts) renders. */
export async function scrollThrough(page: Page) {
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  for (let y = 0; y < height; y += 600) {
    await page.evaluate((top) => window.scrollTo(0, top), y);
    await page.waitForTimeout(50);
  }
  await page.evaluate(() => window.scrollTo(0, 0));
}

async function chartsDrawn(page: Page, expected: number) {
  await scrollThrough(page);
  await page.waitForFunction((n) => document.querySelectorAll("svg.recharts-surface").length >= n, expected, { timeout: 20_000 });
  await page.waitForTimeout(300);
}

export type DashboardCheck = { screenshots: string[]; axe: { page: string; violations: { id: string; impact: string | null | undefined; nodes: number }[] }[] };

export async function dashboardScreenshots({ browser, baseUrl, db, dir }: { browser: Browser; baseUrl: string; db: Db; dir: string }): Promise<DashboardCheck> {
  mkdirSync(dir, { recursive: true });
  const stamp = Date.now().toString(36);
  const newcomer = `newcomer-${stamp}@example.com`;
  await createUserByOperator(db, { email: newcomer, password: PASSWORD, name: "Nia Newcomer", team: `New team ${stamp}`, role: "owner" });
  const seeded = await seedTeamWork(db, {
    team: `Dashboard demo ${stamp}`,
    users: [
      { email: `ann-${stamp}@example.com`, name: "Ann Analyst", password: PASSWORD },
      { email: `bob-${stamp}@example.com`, name: "Bob Bidder", password: PASSWORD },
    ],
  });
  const result: DashboardCheck = { screenshots: [], axe: [] };

  for (const [name, email, charts] of [
    ["new-team", newcomer, 4],
    ["team", seeded.users[0]!.email, 8],
  ] as const) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (error) => errors.push(String(error)));
    await signIn(page, baseUrl, email);
    for (const width of WIDTHS) {
      await page.setViewportSize({ width, height: 900 });
      await page.goto(`${baseUrl}/`, { waitUntil: "networkidle" });
      await page.getByRole("heading", { level: 1, name: "Dashboard" }).waitFor();
      await chartsDrawn(page, charts);
      if (name === "new-team") {
        await page.getByRole("heading", { name: "Start your team's pipeline" }).waitFor();
        await page.getByRole("link", { name: "Create a target list" }).waitFor();
        await page.getByText("No notes in the last 26 weeks").waitFor();
      } else {
        await page.getByRole("heading", { name: "Pipeline by stage" }).waitFor();
        await page.getByRole("heading", { name: "Overdue next steps" }).waitFor();
      }
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 0, `the ${name} dashboard at ${width} px is ${overflow} px wider than the window`);
      const file = path.join(dir, `dashboard-${name}-${width}.png`);
      await page.screenshot({ path: file, fullPage: true });
      result.screenshots.push(file);
    }
    if (name === "team") {
      // The table view is a real table, and the CSV holds the chart's figures
      const pipeline = page.locator("section#pipeline");
      await pipeline.getByRole("button", { name: "View as table" }).click();
      assert.equal(await pipeline.getByRole("table").locator("tbody tr").count(), 6);
      await pipeline.locator("summary", { hasText: "Download data" }).click();
      const [download] = await Promise.all([page.waitForEvent("download"), pipeline.getByRole("link", { name: /^CSV/ }).click()]);
      assert.match(download.suggestedFilename(), /^commissioning-atlas_pipeline-all-lists_\d{4}-\d{2}-\d{2}\.csv$/);
      await pipeline.getByRole("button", { name: "View as chart" }).click();
      // A bar leads to the explorer, filtered to what it counts
      await page.setViewportSize({ width: 1280, height: 900 });
      await chartsDrawn(page, charts);
      await page.locator("section#bodies-by-kind .recharts-bar-rectangle").first().click();
      await page.waitForURL(/\/explorer\?nation=england&kind=national-body/);
    }
    await page.goto(`${baseUrl}/`, { waitUntil: "networkidle" });
    await chartsDrawn(page, charts);
    result.axe.push(await checkAccessibility(page, `dashboard (${name})`));
    assert.deepEqual(errors, [], `browser errors on the ${name} dashboard`);
    await context.close();
  }
  return result;
}
