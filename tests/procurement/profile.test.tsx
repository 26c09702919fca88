// A body's procurement on its profile, the explorer's procurement filters, the dashboard's contracts
// ending and GET /api/v1/organisations/{code}/procurement, on the real reference data.
//
// Fixtures: real records of ../shared/data/procurement/nhs_procurement.csv, reshaped as noted on
// each: dates moved relative to today so the windows can be tested at their edges, a notice of
// Somerset ICB's HSCN contract re-dated and re-attributed to NHS Somerset CCG (11X) before
// 1 July 2022, and a supplier added to it from the RH5 video consultation award. Spend lines are
// real lines of the CSV (dataset C), unchanged.
import { renderToStaticMarkup } from "react-dom/server";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

vi.mock("next/navigation", () => ({ useRouter: () => ({ push: () => {} }) }));

import { queryRows } from "@/lib/db/query";
import { sql } from "@/lib/db/sql";
import { todayIso } from "@/lib/format";
import { contractsEndingByArea } from "@/lib/dashboard/procurement";
import { parseExplorerParams, searchOrganisations } from "@/lib/organisations/explorer";
import { loadProcurementProfile } from "@/lib/procurement/profile";
import { ProcurementSection } from "@/components/procurement/procurement-section";
import { ContractsEndingCard } from "@/components/dashboard/contracts-ending-card";
import { readCoverage } from "@/lib/procurement/coverage";
import { GET } from "@/app/api/v1/organisations/[code]/procurement/route";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { apiRequest, signedInUser, type TestUser } from "../support/auth";
import { refreshCoverage } from "@/lib/procurement/coverage";

type Fixture = {
  ocid: string;
  title: string;
  buyerName: string;
  buyerCode: string;
  status: "open" | "awarded" | "closed";
  publishedAt: string;
  contractEnd?: string;
  tenderDeadline?: string;
  valueMin?: number;
  valueMax?: number;
  suppliers?: { name: string; identifier: string | null }[];
};

describe("a body's procurement", () => {
  let t: TestDatabase;
  let user: TestUser;
  const today = todayIso();
  const now = new Date();
  let day: (months: number, days?: number) => Promise<string>;

  async function notice(f: Fixture) {
    return t.db.procurementProcess.create({
      data: {
        ocid: f.ocid, source: "contracts-finder", origin: "reshaped", title: f.title, status: f.status, currency: "GBP",
        valueMin: f.valueMin ?? null, valueMax: f.valueMax ?? null,
        publishedAt: new Date(f.publishedAt), updatedAt: new Date(f.publishedAt),
        contractEnd: f.contractEnd ? new Date(f.contractEnd) : null, tenderDeadline: f.tenderDeadline ? new Date(f.tenderDeadline) : null,
        suppliers: f.suppliers ?? [], supplierNames: (f.suppliers ?? []).map((s) => s.name.toLowerCase()),
        buyerName: f.buyerName, buyerKey: f.buyerName.toLowerCase(), buyerCode: f.buyerCode, buyerMatchMethod: "identifier", buyerMatchedBy: "importer",
        compiled: { reshapedForTest: f.ocid },
      },
    });
  }

  let ccgNotice: number, closedIcbNotice: number;

  beforeAll(async () => {
    t = await createTestDatabase();
    t.useAsAppDatabase();
    await t.db.$executeRawUnsafe("DELETE FROM procurement_release");
    await t.db.$executeRawUnsafe("DELETE FROM procurement_process");
    await t.db.$executeRawUnsafe("DELETE FROM spend_line");
    user = await signedInUser(t.db, "ann@a.example", "Team A", "analyst");
    // The same month arithmetic as the windows' SQL: 31 Dec plus 6 months is 30 Jun
    day = async (months, days = 0) =>
      (await queryRows<{ d: string }>(t.db, sql`SELECT to_char((${today}::date + make_interval(months => ${months}::int, days => ${days}::int))::date, 'YYYY-MM-DD') AS d`))[0]!.d;

    // NHS Somerset CCG's HSCN contract (the record is the ICB's, 2024; re-dated into the CCG's time, before 1 July 2022)
    ccgNotice = (await notice({
      ocid: "ocds-b5fd17-97868881-9873-4ba6-b62b-4b01fe293452", title: "Contract for the Provision of HSCN Services to GP Practices for NHS Somerset ICB",
      buyerName: "NHS Somerset CCG", buyerCode: "11X", status: "awarded", publishedAt: "2022-03-15", contractEnd: await day(10),
      valueMin: 1_000_000, valueMax: 1_236_847.6, suppliers: [{ name: "OX. Management Services Limited", identifier: null }],
    })).id;
    // NHS Norfolk and Waveney ICB (QMM, closed 31 March 2026, merged into Norfolk and Suffolk, T6Y0W)
    closedIcbNotice = (await notice({
      ocid: "ocds-b5fd17-2d05167e-ba35-4c44-b46a-2a764865a503", title: "NW2024-63 Community Pharmacy Integration",
      buyerName: "NHS Norfolk and Waveney ICB", buyerCode: "QMM", status: "awarded", publishedAt: "2024-12-05", contractEnd: await day(6), valueMax: 60_000,
    })).id;
    // Somerset NHS Foundation Trust (RH5, below QSL): a real award, its end on the window's edges
    const video = { title: "Video Consultation Platform", buyerName: "Somerset NHS Foundation Trust", buyerCode: "RH5", status: "awarded" as const, publishedAt: "2025-03-11", valueMax: 246_580 };
    await notice({ ...video, ocid: "ocds-b5fd17-2e43e09b-f320-4305-a202-81f4a1a807b0", contractEnd: today, suppliers: [{ name: "OX. MANAGEMENT SERVICES LIMITED", identifier: "GB-COH-07330063" }] });
    await notice({ ...video, ocid: "ocds-b5fd17-2e43e09b-edge-last-day", contractEnd: await day(18) });
    await notice({ ...video, ocid: "ocds-b5fd17-2e43e09b-edge-day-after", contractEnd: await day(18, 1) });
    await notice({ ...video, ocid: "ocds-b5fd17-2e43e09b-edge-yesterday", contractEnd: await day(0, -1) });
    // RH5's patient transport DPS: open with no deadline, open with a deadline to come, and one whose deadline passed
    const dps = { title: "DPS for Non-Emergency Patient Transport Services", buyerName: "Somerset NHS Foundation Trust", buyerCode: "RH5", status: "open" as const, publishedAt: "2025-01-06", valueMax: 250_000 };
    await notice({ ...dps, ocid: "ocds-b5fd17-1bbb0348-ca71-4311-9486-362c5d869ba8" });
    await notice({ ...dps, ocid: "ocds-b5fd17-1bbb0348-deadline-to-come", tenderDeadline: `${await day(1)}T12:00:00.000Z` });
    await notice({ ...dps, ocid: "ocds-b5fd17-1bbb0348-deadline-passed", tenderDeadline: `${await day(0, -2)}T12:00:00.000Z` });

    // Real spend lines: NHS Somerset CCG's (11X) of April 2021, and two of NHS Somerset ICB's
    const lines = [
      ["NHS Somerset CCG", "11X", "2021-04-30", "AIVEDA LTD", "28349.91"],
      ["NHS Somerset CCG", "11X", "2021-04-30", "NOTARO CARE HOMES", "30070.53"],
      ["NHS Somerset CCG", "11X", "2021-04-30", "NOTARO CARE HOMES", "25811.22"],
      ["NHS Somerset ICB", "QSL", "2022-07-31", "ASHFORD & ST PETERS HOSPITALS NHSFT", "27000.00"],
      ["NHS Somerset ICB", "QSL", "2022-07-31", "BARTS HEALTH NHS TRUST", "73000.00"],
    ] as const;
    for (const [i, [payerName, payerCode, date, supplierName, amount]] of lines.entries()) {
      await t.db.spendLine.create({ data: { payerName, payerCode, paymentDate: new Date(date), supplierName, amount, source: "nhs_procurement.csv (test fixture)", lineKey: `fixture-${i}` } });
    }
    // Written row by row, not through the importer: recount the coverage as an import would
    await refreshCoverage(t.db);
  });
  afterAll(() => t.drop());

  it("shows a CCG-era notice of 11X on Somerset ICB's profile, marked as published by a predecessor", async () => {
    const profile = await loadProcurementProfile(t.db, "QSL", { now, today });
    const ccg = profile.endingSoon.rows.find((row) => row.id === ccgNotice);
    expect(ccg).toMatchObject({ buyerName: "NHS Somerset CCG", buyerCode: "11X", relation: "predecessor" });
    expect(profile.endingSoon.rows.filter((row) => row.buyerCode === "RH5").every((row) => row.relation === "below")).toBe(true);
    // On 11X's own profile it is still a predecessor's: published before the sub-ICB location opened
    expect((await loadProcurementProfile(t.db, "11X", { now, today })).endingSoon.rows.map((r) => [r.id, r.relation])).toEqual([[ccgNotice, "predecessor"]]);
  });

  it("shows a closed 2022-2026 ICB's notice under its 2026 successor", async () => {
    const profile = await loadProcurementProfile(t.db, "T6Y0W", { now, today });
    expect(profile.endingSoon.rows).toMatchObject([{ id: closedIcbNotice, buyerCode: "QMM", relation: "predecessor" }]);
    expect(profile.notices).toBe(1);
    expect((await loadProcurementProfile(t.db, "QMM", { now, today })).endingSoon.rows[0]).toMatchObject({ id: closedIcbNotice, relation: "self" });
  });

  it("counts a contract ending today and on the window's last day, not the day after or yesterday", async () => {
    const ends = (await loadProcurementProfile(t.db, "RH5", { now, today })).endingSoon;
    expect(ends.rows.map((row) => row.contractEnd)).toEqual([today, await day(18)]);
    expect(ends.total).toBe(2);
    const qsl = (await loadProcurementProfile(t.db, "QSL", { now, today })).endingSoon;
    expect(qsl.rows.map((row) => row.contractEnd)).toEqual([today, await day(10), await day(18)]);
  });

  it("lists open tenders soonest deadline first, those without a deadline after, and not one whose deadline passed", async () => {
    const open = (await loadProcurementProfile(t.db, "QSL", { now, today })).openTenders;
    expect(open.total).toBe(2);
    expect(open.rows.map((row) => row.tenderDeadline)).toEqual([`${await day(1)}T12:00:00Z`, null]);
  });

  it("sums a supplier's awarded values across its notices, names as published in any case, low and high ends apart", async () => {
    const { topSuppliers } = await loadProcurementProfile(t.db, "QSL", { now, today });
    expect(topSuppliers.total).toBe(1);
    expect(topSuppliers.rows[0]).toMatchObject({ awards: 2, unpriced: 0, valueMin: 246_580 + 1_000_000, valueMax: 246_580 + 1_236_847.6, identifier: "GB-COH-07330063", relations: ["below", "predecessor"] });
  });

  it("counts notices per quarter over the data's whole range, by who published them", async () => {
    const { noticesPerQuarter, notices } = await loadProcurementProfile(t.db, "QSL", { now, today });
    expect(noticesPerQuarter[0]).toMatchObject({ quarter: "2022-Q1", predecessor: 1, total: 1 });
    expect(noticesPerQuarter.find((q) => q.quarter === "2025-Q1")).toMatchObject({ below: 7, total: 7 });
    expect(noticesPerQuarter.reduce((sum, q) => sum + q.total, 0)).toBe(notices);
    expect(notices).toBe(8);
  });

  it("adds up spend by month and by supplier, the CCG's lines marked as a predecessor's", async () => {
    const { spend } = await loadProcurementProfile(t.db, "QSL", { now, today });
    expect(spend).toMatchObject({ lines: 5, amount: 184231.66, from: "2021-04-30", to: "2022-07-31" });
    // Every month from the first payment to the last, empty ones as zeros, for the chart
    expect(spend.byMonth).toHaveLength(16);
    expect(spend.byMonth[0]).toEqual({ month: "2021-04", lines: 3, amount: 84231.66, self: 0, below: 0, predecessor: 84231.66 });
    expect(spend.byMonth[1]).toEqual({ month: "2021-05", lines: 0, amount: 0, self: 0, below: 0, predecessor: 0 });
    expect(spend.byMonth[15]).toEqual({ month: "2022-07", lines: 2, amount: 100000, self: 100000, below: 0, predecessor: 0 });
    expect(spend.bySupplier.rows.map((s) => [s.name, s.lines, s.amount, s.relations])).toEqual([
      ["BARTS HEALTH NHS TRUST", 1, 73000, ["self"]],
      ["NOTARO CARE HOMES", 2, 55881.75, ["predecessor"]],
      ["AIVEDA LTD", 1, 28349.91, ["predecessor"]],
      ["ASHFORD & ST PETERS HOSPITALS NHSFT", 1, 27000, ["self"]],
    ]);
    expect((await loadProcurementProfile(t.db, "QR1", { now, today })).spend.lines).toBe(0);
  });

  it("filters the explorer to bodies with a contract ending within N months or open tenders: their own and their predecessors' notices", async () => {
    const codes = async (query: string) => (await searchOrganisations(t.db, { teamId: user.teamId }, parseExplorerParams(new URLSearchParams(query)), { limit: 50, offset: 0 })).rows.map((r) => r.code).sort();
    expect(await codes("contract_ending_within_months=18&status=all")).toEqual(["11X", "QMM", "RH5", "T6Y0W"]);
    expect(await codes("contract_ending_within_months=7&status=all")).toEqual(["QMM", "RH5", "T6Y0W"]);
    expect(await codes("contract_ending_within_months=18")).toEqual(["11X", "RH5", "T6Y0W"]);
    expect(await codes("open_tenders=1&status=all")).toEqual(["RH5"]);
    expect(await codes("open_tenders=1&contract_ending_within_months=18&kind=icb")).toEqual([]);
    expect(() => parseExplorerParams(new URLSearchParams("contract_ending_within_months=0"))).toThrow(/at least 1/);
    expect(() => parseExplorerParams(new URLSearchParams("open_tenders=yes"))).toThrow(/open_tenders must be 1/);
  });

  it("counts the dashboard's contracts ending in 12 months per ICB over its whole scope", async () => {
    const rows = await contractsEndingByArea(t.db, {}, today);
    expect(rows.map((r) => [r.code, r.contracts])).toEqual([["QSL", 2], ["T6Y0W", 1]]);
    expect(await contractsEndingByArea(t.db, { nation: "wales" }, today)).toEqual([]);
    const coverage = await readCoverage(t.db);
    const card = renderToStaticMarkup(<ContractsEndingCard rows={rows} coverage={coverage} filters={{}} />);
    expect(card).toContain("Contracts ending in the next 12 months");
    expect(card).toContain("3 contracts in 2 bodies");
    expect(card).toContain('href="/contracts?ends_within_months=12"');
    expect(card).toContain('aria-label="Coverage of the procurement data"');
    expect(renderToStaticMarkup(<ContractsEndingCard rows={[]} coverage={coverage} filters={{ nation: "wales" }} />)).toContain("No contract ends in the next 12 months here");
    // The profile's scope: of QSL's three contracts ending in 18 months, the two within 12 (today's and the CCG's)
    const within12 = await day(12);
    const profile = await loadProcurementProfile(t.db, "QSL", { now, today });
    expect(profile.endingSoon.rows.filter((r) => r.contractEnd! <= within12).map((r) => r.buyerCode).sort()).toEqual(["11X", "RH5"]);
  });

  it("answers GET /api/v1/organisations/{code}/procurement, 404 for an unknown code and 400 for an unknown parameter", async () => {
    const call = (code: string, query = "") => GET(apiRequest(`/api/v1/organisations/${code}/procurement${query}`, { cookie: user.cookie }), { params: Promise.resolve({ code }) });
    const ok = await call("QSL");
    expect(ok.status).toBe(200);
    const body = (await ok.json()) as { contracts_ending: { data: { id: number; relation: string }[] }; coverage: { notices: { notices: number }[]; sample_only: boolean }; spend: { lines: number } };
    expect(body.contracts_ending.data.find((n) => n.id === ccgNotice)?.relation).toBe("predecessor");
    expect(body.coverage.notices[0]!.notices).toBe(9);
    expect(body.coverage.sample_only).toBe(true);
    expect(body.spend.lines).toBe(5);
    expect((await call("NOPE99")).status).toBe(404);
    expect((await call("QSL", "?months=12")).status).toBe(400);
  });

  it("renders the profile's section: the parts, the marks, the links and the coverage; and says where spend reaches", async () => {
    const html = renderToStaticMarkup(<ProcurementSection name="NHS Somerset Integrated Care Board" profile={await loadProcurementProfile(t.db, "QSL", { now, today })} />);
    const expected = [
      "Open tenders", "Contracts ending in the next 18 months", "Top suppliers by awarded value", "Notices per quarter", "Spend over £25k by supplier",
      "Published by a predecessor", "Published by a body below it", `href="/contracts/${ccgNotice}"`, 'href="/contracts?buyer=QSL&amp;ends_within_months=18"',
      'aria-label="Coverage of the procurement data"', "A sample; run a sync for the full feed.",
    ];
    for (const text of expected) expect(html, text).toContain(text);
    const gloucestershire = renderToStaticMarkup(<ProcurementSection name="NHS Gloucestershire Integrated Care Board" profile={await loadProcurementProfile(t.db, "QR1", { now, today })} />);
    expect(gloucestershire).toContain("No notice of this body is in the loaded data");
    expect(gloucestershire).toContain("Spend is only loaded for NHS Somerset CCG, NHS Somerset ICB.");
  });
});
