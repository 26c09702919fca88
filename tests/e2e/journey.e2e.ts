// A new user's journey through the production build, in real Chromium: what a unit test cannot show.
import assert from "node:assert/strict";
import { mkdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { checkAccessibility, type AxeSummary } from "./axe";
import { parse } from "csv-parse/sync";
import { generate as totpCode } from "otplib";
import { chromium as playwright, type Browser, type BrowserContext, type Page } from "playwright-core";
import type { Db } from "../../lib/db/client";
import { createUserByOperator } from "../../lib/auth/accounts";
import { dashboardScreenshots, scrollThrough } from "./dashboard.e2e";
import { importReshapedTender } from "../support/ocds-release";
import { kickDetectionAndStop } from "../../lib/alerts/kick";

type Options = { baseUrl: string; chromium: string; db: Db; databaseUrl: string; screenshotDir: string };

const ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];
const FIRST = { name: "Olivia Owner", email: "olivia@example.com", password: "correct horse battery staple", team: "Acme bids" };
const OTHER = { email: "rival@example.com", password: "another long password!", team: "Rival bids" };
const LEAVER = { name: "Liam Leaver", email: "liam@example.com", password: "moving on to pastures new" };
const JS_BUDGET_BYTES = 250 * 1024;

let stepNumber = 0;
async function step<T>(name: string, work: () => Promise<T>): Promise<T> {
  stepNumber++;
  const started = Date.now();
  try {
    const result = await work();
    console.log(`  ✓ ${String(stepNumber).padStart(2)}. ${name} (${Date.now() - started} ms)`);
    return result;
  } catch (error) {
    console.log(`  ✗ ${String(stepNumber).padStart(2)}. ${name}`);
    throw error;
  }
}

async function signIn(page: Page, baseUrl: string, email: string, password: string) {
  await page.goto(`${baseUrl}/sign-in`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  // Submitting with Enter: the form works from the keyboard
  await page.getByLabel("Password").press("Enter");
  await page.waitForURL((url) => !url.pathname.startsWith("/sign-in"), { timeout: 20_000 });
}

const filters = (page: Page) => page.getByRole("complementary", { name: "Filters" });

async function axe(page: Page, name: string, results: AxeSummary[]) {
  results.push(await checkAccessibility(page, name));
}

type StorageState = Awaited<ReturnType<BrowserContext["storageState"]>>;

async function screenshots(browser: Browser, baseUrl: string, storageState: StorageState, pages: [string, string][], dir: string) {
  mkdirSync(dir, { recursive: true });
  for (const width of [1280, 390]) {
    const context = await browser.newContext({ viewport: { width, height: 900 }, storageState });
    const page = await context.newPage();
    for (const [name, url] of pages) {
      await page.goto(`${baseUrl}${url}`, { waitUntil: "networkidle" });
      // Charts render as they scroll into view: a full-page picture needs the page scrolled first
      await scrollThrough(page);
      await page.waitForLoadState("networkidle");
      await page.screenshot({ path: path.join(dir, `${name}-${width}.png`), fullPage: true });
    }
    await context.close();
  }
}

/**
 * Largest Contentful Paint and JavaScript on a cold load (fresh context, empty cache): all the
 * JavaScript transferred until the network is idle, and the first-load part of it, the scripts the
 * server's HTML names (what the page needs to become interactive; code a page imports lazily after
 * hydration, like the dashboard's charts, comes on top).
 */
async function webPerformance(browser: Browser, baseUrl: string, storageState: StorageState, url: string) {
  const context = await browser.newContext({ storageState });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
  const scripts = new Map<string, { url: string; bytes: number }>();
  const responses = new Map<string, { type: string; url: string }>();
  cdp.on("Network.responseReceived", (event) => responses.set(event.requestId, { type: event.type, url: event.response.url }));
  cdp.on("Network.loadingFinished", (event) => {
    const response = responses.get(event.requestId);
    if (response?.type === "Script") scripts.set(event.requestId, { url: response.url, bytes: event.encodedDataLength });
  });
  const document = await page.goto(`${baseUrl}${url}`, { waitUntil: "networkidle" });
  const html = (await document?.text()) ?? "";
  const named = new Set([...html.matchAll(/<script[^>]+src="([^"]+)"/g), ...html.matchAll(/<link[^>]+href="([^"]+\.js)"/g)].map((m) => new URL(m[1]!.replace(/&amp;/g, "&"), baseUrl).pathname));
  const lcp = await page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        new PerformanceObserver((list) => {
          const entries = list.getEntries();
          resolve(entries[entries.length - 1]!.startTime);
        }).observe({ type: "largest-contentful-paint", buffered: true });
        setTimeout(() => resolve(-1), 3000);
      }),
  );
  await context.close();
  const all = [...scripts.values()];
  const firstLoad = all.filter((s) => named.has(new URL(s.url).pathname));
  const kb = (list: { bytes: number }[]) => Math.round(list.reduce((sum, s) => sum + s.bytes, 0) / 1024);
  return { url, lcpMs: Math.round(lcp), jsKb: kb(all), firstLoadKb: kb(firstLoad), scripts: all.length };
}

export async function runJourney({ baseUrl, chromium, db, databaseUrl, screenshotDir }: Options): Promise<{ ok: boolean }> {
  const browser = await playwright.launch({ executablePath: chromium, args: ARGS });
  const axeResults: AxeSummary[] = [];
  let ok = true;
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
    const page = await context.newPage();
    const consoleErrors: string[] = [];
    page.on("pageerror", (error) => consoleErrors.push(String(error)));
    page.on("console", (message) => {
      if (message.type() === "error") consoleErrors.push(message.text());
    });
    console.log("[e2e] journey");

    await step("an anonymous visitor is sent to sign-in", async () => {
      await page.goto(`${baseUrl}/`);
      assert.match(page.url(), /\/sign-in/);
      await axe(page, "sign-in", axeResults);
    });

    await step("signs up as the first user and lands on the dashboard", async () => {
      await page.goto(`${baseUrl}/sign-up`);
      await page.getByLabel("Your name").fill(FIRST.name);
      await page.getByLabel("Work email").fill(FIRST.email);
      await page.getByLabel("Password").fill(FIRST.password);
      await page.getByLabel("Team name").fill(FIRST.team);
      await page.getByRole("button", { name: "Create account and team" }).click();
      await page.waitForURL(`${baseUrl}/`, { timeout: 20_000 });
      await page.getByRole("heading", { level: 1 }).waitFor();
      await axe(page, "dashboard", axeResults);
    });

    await step("keyboard: Tab reaches the main navigation with a visible focus ring", async () => {
      await page.keyboard.press("Tab");
      await page.keyboard.press("Tab");
      const focus = await page.evaluate(() => {
        const el = document.activeElement as HTMLElement | null;
        if (!el || el === document.body) return null;
        const style = getComputedStyle(el);
        return { tag: el.tagName, outline: style.outlineStyle, width: style.outlineWidth };
      });
      assert.ok(focus, "something has focus after Tab");
      assert.notEqual(focus.outline, "none", `focused ${focus.tag} shows an outline`);
    });

    await step("opens the explorer and filters to the ICBs of one region", async () => {
      await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Explorer" }).click();
      await page.waitForURL(/\/explorer/);
      await filters(page).getByRole("checkbox", { name: "Integrated care board" }).check();
      await page.waitForURL(/kind=icb/);
      await filters(page).getByRole("combobox", { name: "NHS England region" }).selectOption({ label: "East of England" });
      await page.waitForURL(/region=Y61/);
      const rows = page.getByRole("table").locator("tbody tr");
      // The table follows the URL once the server has rendered the filtered page
      await page.waitForFunction(() => document.querySelectorAll("table tbody tr").length === 3, null, { timeout: 20_000 });
      assert.equal(await rows.count(), 3, "the East of England has 3 ICBs since April 2026");
      await axe(page, "explorer", axeResults);
    });

    await step("searches for a body by a misspelt name", async () => {
      await filters(page).getByRole("button", { name: "Clear all" }).click();
      await page.getByRole("searchbox", { name: "Search names and codes" }).fill("chesire mersyside");
      await page.waitForURL(/q=chesire/);
      const first = page.getByRole("table").locator("tbody tr").first();
      await first.getByRole("link", { name: /Cheshire and Merseyside/ }).first().waitFor({ timeout: 20_000 });
    });

    await step("keyboard only: Tab from the search box to the first row's checkbox, Space selects it", async () => {
      await page.getByRole("searchbox", { name: "Search names and codes" }).focus();
      const firstCheckbox = page.getByRole("table").locator("tbody tr").first().getByRole("checkbox");
      let reached = false;
      for (let presses = 0; presses < 40 && !reached; presses++) {
        await page.keyboard.press("Tab");
        reached = await firstCheckbox.evaluate((el) => el === document.activeElement);
      }
      assert.ok(reached, "the first row's checkbox is reachable with Tab");
      const focusStyle = await firstCheckbox.evaluate((el) => getComputedStyle(el).outlineStyle);
      assert.notEqual(focusStyle, "none", "the focused checkbox shows an outline");
      await page.keyboard.press("Space");
      await page.getByRole("status").filter({ hasText: "1 selected" }).waitFor();
      await page.keyboard.press("Space");
    });

    await step("opens its profile", async () => {
      await page.getByRole("table").locator("tbody tr").first().getByRole("link", { name: /Cheshire and Merseyside/ }).first().click();
      await page.waitForURL(/\/organisations\/QYG/);
      await page.getByRole("heading", { level: 1, name: /Cheshire and Merseyside/ }).waitFor();
      await axe(page, "profile", axeResults);
    });

    await step("creates a target list and adds the body to it from its profile", async () => {
      await page.goto(`${baseUrl}/lists`);
      await page.getByLabel("Name").fill("North West EPR");
      await page.getByRole("button", { name: "Create list" }).click();
      await page.waitForURL(/\/lists\/.+/);
      await axe(page, "list", axeResults);
      await page.goto(`${baseUrl}/organisations/QYG`);
      await page.getByRole("button", { name: "Add", exact: true }).click();
      await page.getByText("Added to the list.").waitFor();
    });

    await step("writes a note and edits it", async () => {
      await page.getByLabel("Add a note").fill("Met the **CCIO** at the conference.");
      await page.getByRole("button", { name: "Save note" }).click();
      await page.getByText("Note saved.").waitFor();
      const note = page.locator("article[data-note-id]").first();
      await note.getByText("CCIO").waitFor();
      await note.getByRole("button", { name: "Edit" }).click();
      await note.getByLabel("Edit note").fill("Met the **CCIO**; demo booked for January.");
      await note.getByRole("button", { name: "Save" }).click();
      await page.locator("article[data-note-id]").first().getByText("demo booked for January").waitFor();
    });

    let listUrl = "";
    await step("exports the list as CSV and finds the body in the file", async () => {
      await page.goto(`${baseUrl}/lists`);
      await page.getByRole("link", { name: "North West EPR" }).click();
      await page.waitForURL(/\/lists\/.+/);
      listUrl = page.url();
      await page.locator("summary", { hasText: "Export" }).click();
      const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: /^CSV/ }).click()]);
      const file = await download.path();
      const rows = parse(readFileSync(file!, "utf8"), { columns: true, bom: true }) as Record<string, string>[];
      assert.equal(rows.length, 1);
      assert.equal(rows[0]!.code, "QYG");
      assert.equal(rows[0]!.last_note_author, FIRST.name);
      assert.match(download.suggestedFilename(), /^commissioning-atlas_north-west-epr_\d{4}-\d{2}-\d{2}\.csv$/);
      await page.locator("summary", { hasText: "Export" }).click();
      const [workbook] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: /^Excel \(\.xlsx\)/ }).click()]);
      assert.match(workbook.suggestedFilename(), /^commissioning-atlas_north-west-epr_\d{4}-\d{2}-\d{2}\.xlsx$/);
    });

    await step("uploads a small spreadsheet of accounts and adds its matches to a new list", async () => {
      await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Match accounts" }).click();
      await page.getByRole("heading", { level: 1, name: "Match accounts" }).waitFor();
      // Real names as a CRM holds them: an ICB closed in April 2026 (split in three), one without NHS, a trust code
      const csv = "Owner,Account name\r\nAnn,NHS Frimley ICB\r\nBob,Cheshire and Merseyside ICB\r\nCat,RXQ\r\n";
      await page.getByLabel("Spreadsheet of accounts").setInputFiles({ name: "crm-accounts.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
      await page.getByRole("button", { name: "Read file" }).click();
      assert.equal(await page.getByLabel("Column of account names or codes").inputValue(), "1");
      await page.getByRole("button", { name: "Match 3 rows" }).click();
      await page.getByRole("status").filter({ hasText: "3 of 3 matched" }).waitFor({ timeout: 20_000 });
      await page.getByRole("link", { name: "NHS Thames Valley Integrated Care Board" }).waitFor();
      await axe(page, "match", axeResults);
      await page.getByLabel("Add to").selectOption({ label: "+ New list…" });
      await page.getByLabel("Name of the new list").fill("CRM accounts");
      await page.getByRole("button", { name: "Add 5 to list" }).click();
      await page.getByText("Added 5").waitFor();
    });

    let noticePath = "/contracts";
    await step("finds contracts by keyword, adds a notice's buyer to a list in one click, and opens the notice", async () => {
      await page.goto(`${baseUrl}/contracts`);
      await page.getByRole("heading", { level: 1, name: "Contracts" }).waitFor();
      await page.getByText("A sample; run a sync for the full feed.").first().waitFor();
      await page.getByLabel("Search notice titles and descriptions").fill("cleaning");
      await page.waitForURL(/[?&]q=cleaning/);
      const rows = page.getByRole("table").locator("tbody tr");
      await rows.first().getByRole("link").first().waitFor();
      await axe(page, "contracts", axeResults);
      await page.getByRole("button", { name: /^Add buyer .+ to the list$/ }).and(page.locator(":enabled")).first().click();
      await page.getByRole("status").filter({ hasText: /Added .+ to the list\.|already on this list/ }).waitFor();
      await rows.first().locator('a[href^="/contracts/"]').first().click();
      await page.waitForURL(/\/contracts\/\d+$/);
      noticePath = new URL(page.url()).pathname;
      await page.getByRole("heading", { level: 2, name: "Releases" }).waitFor();
      await axe(page, "notice", axeResults);
    });

    await step("a body's profile streams its procurement: Somerset ICB with its CCG-era spend", async () => {
      await page.goto(`${baseUrl}/organisations/QSL`);
      await page.getByRole("heading", { level: 2, name: "Procurement" }).waitFor();
      await page.getByRole("heading", { name: "Spend over £25k by supplier" }).waitFor();
      await page.getByText(/Published by a predecessor/).first().waitFor();
      await axe(page, "profile-procurement", axeResults);
    });

    await step("follows an ICB with everything below it, and a notification appears after an import of a new tender of one of its trusts", async () => {
      await page.goto(`${baseUrl}/organisations/QPM`);
      await page.getByRole("heading", { level: 1, name: /Northamptonshire/ }).waitFor();
      await page.locator("summary", { hasText: "Follow" }).click();
      await page.getByLabel(/Include everything below/).check();
      // The box follows the saved state: it turns checked once the server has the follow
      await page.getByLabel(/Notify me/).click();
      await page.getByText("Following: you will be notified.").waitFor();
      assert.equal(await page.getByLabel(/Notify me/).isChecked(), true);
      await page.keyboard.press("Escape");
      // What an operator's `npm run procurement:import` does: a real Contracts Finder release of
      // Kettering General Hospital (RNQ, below QPM) from data/procurement, reshaped as a new tender
      await importReshapedTender(db, "Patient monitoring for the wards (e2e)");
      await kickDetectionAndStop(databaseUrl);
      // The app's own worker delivers it: reload the inbox as a person would, until it is there
      await page.goto(`${baseUrl}/notifications`);
      const item = page.getByText(/Patient monitoring for the wards \(e2e\)/).first();
      for (let attempt = 0; attempt < 30 && !(await item.isVisible()); attempt++) {
        await page.waitForTimeout(1000);
        await page.reload();
      }
      await item.waitFor({ timeout: 5000 });
      await page.getByRole("link", { name: /Notifications/ }).getByText(/unread/).waitFor();
      await axe(page, "notifications", axeResults);
      await page.screenshot({ path: path.join(screenshotDir, "notifications-1280.png"), fullPage: true });
      await page.goto(`${baseUrl}/following`);
      await page.getByText(/Northamptonshire/).first().waitFor();
      await axe(page, "following", axeResults);
    });

    const storageState = await context.storageState();
    await step("axe on the other main pages", async () => {
      for (const [name, url] of [["lists", "/lists"], ["notes", "/notes"], ["commissioning", "/commissioning"], ["compare", "/compare?codes=QYG,S08000020"], ["settings", "/settings"], ["team", "/settings/team"]] as const) {
        await page.goto(`${baseUrl}${url}`);
        await page.getByRole("heading", { level: 1 }).first().waitFor();
        await axe(page, name, axeResults);
      }
    });

    await step("settings: this session is listed; a token 11 minutes after sign-in asks for the password in a dialog, then is made", async () => {
      await db.session.updateMany({ where: { user: { email: FIRST.email }, revokedAt: null }, data: { authenticatedAt: new Date(Date.now() - 11 * 60_000) } });
      await page.goto(`${baseUrl}/settings`);
      await page.getByText("This session").waitFor();
      const createToken = async () => {
        await page.getByLabel("Token name").fill("CRM sync");
        await page.getByRole("button", { name: "Create token" }).click();
      };
      const dialog = page.getByRole("dialog", { name: "Confirm it is you" });
      const password = dialog.getByLabel("Password");
      await createToken();
      await dialog.waitFor();
      assert.ok(await password.evaluate((input) => input === document.activeElement), "the dialog opens on its password field");
      await axe(page, "reauthentication-dialog", axeResults);
      // Tab past the last button comes back to the field: focus stays in the dialog
      for (let i = 0; i < 3; i++) await page.keyboard.press("Tab");
      assert.ok(await password.evaluate((input) => input === document.activeElement), "Tab cycles inside the dialog");
      await page.keyboard.press("Escape");
      await dialog.waitFor({ state: "detached" });
      await page.getByRole("alert").filter({ hasText: "Enter your password again" }).waitFor();
      await createToken();
      await password.fill("not my password");
      await password.press("Enter");
      await dialog.getByText("That password is not right").waitFor();
      await password.fill(FIRST.password);
      await dialog.getByRole("button", { name: "Confirm" }).click();
      await page.getByTestId("new-api-token").waitFor();
    });

    await step("screenshots of the main pages at 1280 and 390 px", () =>
      screenshots(browser, baseUrl, storageState, [
        ["dashboard", "/"],
        ["explorer", "/explorer?kind=icb"],
        ["profile", "/organisations/QYG"],
        ["lists", "/lists"],
        ["list", new URL(listUrl).pathname],
        ["notes", "/notes"],
        ["commissioning", "/commissioning"],
        ["compare", "/compare?codes=QYG,S08000020,7A4"],
        ["contracts", "/contracts?q=cleaning"],
        ["notice", noticePath],
        ["profile-procurement", "/organisations/QSL"],
        ["settings", "/settings"],
        ["team", "/settings/team"],
        ["security", "/settings/security"],
      ], screenshotDir),
    );

    await step("dashboard at 1280 and 390 px: a new team's empty states, and a team with lists, entries and notes", async () => {
      const dashboard = await dashboardScreenshots({ browser, baseUrl, db, dir: screenshotDir });
      axeResults.push(...dashboard.axe);
    });

    const performance = await step("web performance on a cold load", async () => [
      await webPerformance(browser, baseUrl, storageState, "/"),
      await webPerformance(browser, baseUrl, storageState, "/explorer"),
      await webPerformance(browser, baseUrl, storageState, "/organisations/QYG"),
    ]);

    await step("signs out, and a page now needs sign-in", async () => {
      await page.goto(`${baseUrl}/`);
      await page.getByRole("button", { name: "Sign out" }).click();
      await page.waitForURL(/\/sign-in/);
      await page.goto(listUrl);
      assert.match(page.url(), /\/sign-in\?callbackUrl=/);
    });

    let other: Page;
    await step("a user of another team sees none of it", async () => {
      await createUserByOperator(db, { email: OTHER.email, password: OTHER.password, team: OTHER.team, role: "owner" });
      other = await (await browser.newContext()).newPage();
      await signIn(other, baseUrl, OTHER.email, OTHER.password);
      await other.goto(`${baseUrl}/lists`);
      await other.getByText("No target lists yet").waitFor();
      // The list page streams (lists/[id]/loading.tsx), so the status line is sent before the page knows the list is
      // not theirs: the page says "Not found" and the API answers 404
      await other.goto(listUrl);
      await other.getByRole("heading", { level: 1, name: "Not found" }).waitFor();
      assert.equal(await other.getByText("North West EPR").count(), 0);
      const listId = new URL(listUrl).pathname.split("/").pop()!;
      assert.equal((await other.request.get(`${baseUrl}/api/v1/target-lists/${listId}`)).status(), 404);
      assert.equal((await other.request.get(`${baseUrl}/api/v1/target-lists/${listId}/export.csv`)).status(), 404);
      await other.goto(`${baseUrl}/organisations/QYG`);
      await other.getByText("No notes yet").waitFor();
      assert.equal(await other.getByText("demo booked for January").count(), 0);
      const api = await other.request.get(`${baseUrl}/api/v1/notes?q=CCIO`);
      assert.deepEqual((await api.json()).data, []);
    });

    await step("that new user, whose team has no list yet, adds the body to a new list from the top of its profile, and the list shows it", async () => {
      await other.goto(`${baseUrl}/organisations/QYG`);
      const actions = other.getByRole("group", { name: "Your team's actions" });
      assert.equal(await actions.getByRole("combobox", { name: "Add to list" }).inputValue(), "__new__");
      await actions.getByRole("link", { name: "Write a note" }).click();
      assert.equal(await other.getByLabel("Add a note").evaluate((box) => box === document.activeElement), true);
      await actions.getByRole("textbox", { name: "Name of the new list" }).fill("Rival ICBs");
      await actions.getByRole("button", { name: "Add", exact: true }).click();
      await actions.getByRole("status").filter({ hasText: "Added to the list." }).waitFor();
      await actions.getByRole("link", { name: "Open Rival ICBs" }).click();
      await other.waitForURL(/\/lists\/.+/);
      await other.getByRole("heading", { level: 1, name: "Rival ICBs" }).waitFor();
      await other.getByRole("table").getByRole("link", { name: /Cheshire and Merseyside/ }).first().waitFor();
    });

    await step("enrol MFA and sign in with a code", async () => {
      await other.goto(`${baseUrl}/settings/security`);
      await other.getByRole("button", { name: "Set up two-factor sign-in" }).click();
      const secret = (await other.getByTestId("mfa-secret").textContent())!.trim();
      assert.match(secret, /^[A-Z2-7]{32}$/);
      await other.getByRole("img", { name: "QR code of your two-factor secret" }).waitFor();
      await axe(other, "security", axeResults);
      // The code an authenticator app would show, computed from the secret on the page
      await other.getByLabel("Code from the app").fill(await totpCode({ secret }));
      await other.getByRole("button", { name: "Turn on" }).click();
      await other.getByTestId("mfa-recovery-codes").waitFor();
      assert.equal(await other.getByTestId("mfa-recovery-codes").getByRole("listitem").count(), 10);

      await other.goto(`${baseUrl}/`);
      await other.getByRole("button", { name: "Sign out" }).click();
      await other.waitForURL(/\/sign-in/);
      await other.getByLabel("Email").fill(OTHER.email);
      await other.getByLabel("Password").fill(OTHER.password);
      await other.getByLabel("Password").press("Enter");
      const codeField = other.getByLabel("Code from your authenticator app");
      await codeField.waitFor();
      // The enrolment used this step's code, and a code works once: the app's next code (30 s on) is accepted
      await codeField.fill(await totpCode({ secret, epoch: Math.floor(Date.now() / 1000) + 30 }));
      await codeField.press("Enter");
      await other.waitForURL((url) => !url.pathname.startsWith("/sign-in"), { timeout: 20_000 });
      await other.goto(`${baseUrl}/settings/security`);
      await other.getByText(/On since .*10 of 10 recovery codes left/).waitFor();
    });

    await step("an owner removes a member, whose open page then needs sign-in", async () => {
      await createUserByOperator(db, { email: LEAVER.email, name: LEAVER.name, password: LEAVER.password, team: OTHER.team, role: "analyst" });
      const leaver = await (await browser.newContext()).newPage();
      await signIn(leaver, baseUrl, LEAVER.email, LEAVER.password);
      await leaver.goto(`${baseUrl}/lists`);
      await leaver.getByRole("link", { name: "Rival ICBs" }).waitFor();

      // The owner signed in a moment ago (with a code), so removing needs no password again
      await other.goto(`${baseUrl}/settings/team`);
      const row = other.getByRole("row").filter({ hasText: LEAVER.email });
      other.once("dialog", (dialog) => void dialog.accept());
      await row.getByRole("button", { name: `Remove ${LEAVER.name}` }).click();
      await other.getByRole("status").filter({ hasText: `${LEAVER.name} was removed from the team.` }).waitFor();
      await other.getByRole("row").filter({ hasText: LEAVER.email }).waitFor({ state: "detached" });

      // The page the member still has open: its next request asks for sign-in, and the API refuses
      await leaver.reload();
      await leaver.waitForURL(/\/sign-in\?callbackUrl=/);
      assert.equal((await leaver.request.get(`${baseUrl}/api/v1/target-lists`)).status(), 401);
      await leaver.context().close();
    });

    console.log("\n[e2e] axe (WCAG 2.1 A/AA): serious or critical violations fail the run");
    for (const result of axeResults) {
      const serious = result.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
      console.log(`  ${result.page.padEnd(14)} ${result.violations.length} violations (${serious.length} serious or critical)${result.violations.length ? ": " + result.violations.map((v) => `${v.id} [${v.impact}] x${v.nodes}`).join(", ") : ""}`);
      if (serious.length) ok = false;
    }

    console.log("\n[e2e] web performance (cold load, cache disabled)");
    console.log("  page                     LCP ms   first-load JS kB   all JS kB (compressed)   scripts");
    for (const p of performance) {
      console.log(`  ${p.url.padEnd(24)} ${String(p.lcpMs).padStart(6)}   ${String(p.firstLoadKb).padStart(16)}   ${String(p.jsKb).padStart(22)}   ${String(p.scripts).padStart(7)}`);
      if (p.firstLoadKb * 1024 > JS_BUDGET_BYTES) {
        console.log(`  ✗ ${p.url} needs more than ${JS_BUDGET_BYTES / 1024} kB of JavaScript on first load`);
        ok = false;
      }
    }
    const unexpected = consoleErrors.filter((e) => !/Failed to load resource: the server responded with a status of 404/.test(e));
    if (unexpected.length) {
      console.log("\n[e2e] browser console errors:");
      for (const e of unexpected) console.log(`  ${e}`);
      ok = false;
    }
  } catch (error) {
    console.error(error);
    ok = false;
  } finally {
    await browser.close();
  }
  return { ok };
}
