// One accessibility check for every page of the end-to-end suite: WCAG 2.1 A and AA, run once the
// page has arrived. Next streams a page's metadata with its body, so the check waits for the title too,
// as a person (and a screen reader announcing the title) meets the page.
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "playwright-core";

export type AxeSummary = { page: string; violations: { id: string; impact: string | null | undefined; nodes: number }[] };

export async function checkAccessibility(page: Page, name: string): Promise<AxeSummary> {
  await page.waitForLoadState("load");
  await page.waitForFunction(() => document.title.trim().length > 0, undefined, { timeout: 10_000 });
  const report = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  return { page: name, violations: report.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.length })) };
}
