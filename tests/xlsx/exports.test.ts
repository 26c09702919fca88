// Every export read back as Excel opens it: the explorer, a target list and a dashboard chart, through
// their API routes with format=xlsx, unzipped and parsed with exceljs.
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as organisationsRoute from "@/app/api/v1/organisations/route";
import * as listsRoute from "@/app/api/v1/target-lists/route";
import * as entriesRoute from "@/app/api/v1/target-lists/[id]/entries/route";
import * as entryRoute from "@/app/api/v1/target-lists/[id]/entries/[entryId]/route";
import * as exportRoute from "@/app/api/v1/target-lists/[id]/export.csv/route";
import * as organisationNotesRoute from "@/app/api/v1/organisations/[code]/notes/route";
import * as dashboardRoute from "@/app/api/v1/dashboard/[chart]/route";
import { XLSX_MEDIA_TYPE, xlsxStream } from "@/lib/xlsx";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { apiRequest, params, signedInUser, type TestUser } from "../support/auth";

type Sheet = { worksheet: ExcelJS.Worksheet; header: string[]; rows: Record<string, ExcelJS.CellValue>[]; xml: string[] };

/** The response as a workbook: its one sheet, its rows keyed by header, and the XML of every part. */
async function readXlsx(response: Response): Promise<Sheet> {
  expect(response.status, await response.clone().text().then((t) => t.slice(0, 200))).toBe(200);
  expect(response.headers.get("content-type")).toBe(XLSX_MEDIA_TYPE);
  expect(response.headers.get("content-disposition")).toMatch(/^attachment; filename="commissioning-atlas_[a-z0-9-]+_\d{4}-\d{2}-\d{2}\.xlsx"$/);
  const bytes = Buffer.from(await response.arrayBuffer());
  const zip = await JSZip.loadAsync(bytes);
  const xml = await Promise.all(Object.values(zip.files).filter((f) => f.name.endsWith(".xml")).map((f) => f.async("string")));
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  expect(workbook.worksheets).toHaveLength(1);
  const worksheet = workbook.worksheets[0]!;
  const header = (worksheet.getRow(1).values as ExcelJS.CellValue[]).slice(1).map(String);
  const rows: Record<string, ExcelJS.CellValue>[] = [];
  worksheet.eachRow((row, number) => {
    if (number > 1) rows.push(Object.fromEntries(header.map((h, i) => [h, row.getCell(i + 1).value])));
  });
  return { worksheet, header, rows, xml };
}

/** What every export shares: no formula anywhere, the header frozen and filtered, widths that fit the headers. */
function expectSpreadsheetShape(sheet: Sheet) {
  const sheetXml = sheet.xml.filter((x) => x.includes("<sheetData"));
  expect(sheetXml).toHaveLength(1);
  for (const part of sheet.xml) expect(part).not.toMatch(/<f[\s>/]/);
  expect(sheet.worksheet.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
  expect(sheet.worksheet.autoFilter).toBe(`A1:${sheet.worksheet.getColumn(sheet.header.length).letter}${sheet.rows.length + 1}`);
  sheet.header.forEach((h, i) => expect(sheet.worksheet.getColumn(i + 1).width).toBeGreaterThanOrEqual(Math.min(h.length, 58)));
}

describe("exports as Excel workbooks", () => {
  let t: TestDatabase;
  let ann: TestUser, outsider: TestUser;
  let listId: string;
  const explorer = (path: string, headers: Record<string, string> = {}) => {
    const request = apiRequest(path, { cookie: ann.cookie });
    for (const [k, v] of Object.entries(headers)) request.headers.set(k, v);
    return organisationsRoute.GET(request);
  };

  beforeAll(async () => {
    t = await createTestDatabase();
    t.useAsAppDatabase();
    ann = await signedInUser(t.db, "ann@a.example", "Team A", "analyst");
    outsider = await signedInUser(t.db, "olga@b.example", "Team B", "owner");
    listId = (await (await listsRoute.POST(apiRequest("/api/v1/target-lists", { method: "POST", cookie: ann.cookie, body: { name: "Cheshire EPR" } }))).json()).id;
    await entriesRoute.POST(apiRequest(`/api/v1/target-lists/${listId}/entries`, { method: "POST", cookie: ann.cookie, body: { codes: ["QYG", "01F", "S08000020"] } }), params({ id: listId }));
  });
  afterAll(() => t.drop());

  it("the explorer: the same rows as the JSON, codes as text, populations and allocations as numbers, close dates as dates", async () => {
    const json = await (await explorer("/api/v1/organisations?kind=icb&status=all&limit=100")).json();
    const sheet = await readXlsx(await explorer("/api/v1/organisations?kind=icb&status=all&format=xlsx&view=All%20ICBs"));
    expectSpreadsheetShape(sheet);
    expect(sheet.worksheet.name).toBe("All ICBs");
    expect(sheet.header.slice(0, 3)).toEqual(["code", "name", "kind"]);
    expect(sheet.rows.map((r) => r.code)).toEqual(json.data.map((o: { code: string }) => o.code));
    const qyg = sheet.rows.find((r) => r.code === "QYG")!;
    const qygJson = json.data.find((o: { code: string }) => o.code === "QYG");
    expect(qyg.population).toBe(qygJson.population);
    expect(typeof qyg.population).toBe("number");
    expect(qyg.allocation_gbp_thousands).toBe(qygJson.allocation_gbp_thousands);
    expect(typeof qyg.allocation_gbp_thousands).toBe("number");
    const closed = sheet.rows.find((r) => r.code === "QHG")!;
    expect(closed.close_date).toBeInstanceOf(Date);
    expect((closed.close_date as Date).toISOString().slice(0, 10)).toBe(json.data.find((o: { code: string }) => o.code === "QHG").close_date);
    expect(closed.successor_codes).toBe("S1Y5D");
  });

  it("the explorer: sub-ICB codes keep their leading zeros, and a name starting with = is a plain string", async () => {
    await t.db.organisation.create({
      data: { code: "ZZTEST1", codeSystem: "atlas", name: '=HYPERLINK("http://evil.example","click")', kind: "gp-practice", nation: "england", source: "test", sourceAsOf: new Date(), searchText: "zztest1" },
    });
    const sheet = await readXlsx(await explorer("/api/v1/organisations?parent=QYG&kind=sub-icb-location&format=xlsx"));
    expectSpreadsheetShape(sheet);
    expect(sheet.rows.map((r) => r.code)).toContain("01F");
    expect(sheet.rows.every((r) => typeof r.code === "string")).toBe(true);
    const evil = await readXlsx(await explorer("/api/v1/organisations?q=ZZTEST1", { accept: XLSX_MEDIA_TYPE }));
    expectSpreadsheetShape(evil);
    expect(evil.rows[0]!.name).toBe('=HYPERLINK("http://evil.example","click")');
  });

  it("the explorer: an unknown format is a 400 naming it, and JSON stays the default", async () => {
    const bad = await explorer("/api/v1/organisations?kind=icb&format=pdf");
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.fields).toHaveProperty("format");
    expect((await explorer("/api/v1/organisations?kind=icb&limit=1")).headers.get("content-type")).toMatch(/application\/json/);
  });

  it("a target list: dates and timestamps are dates, the value a number, the sub-ICB code text", async () => {
    const entries = await (await entriesRoute.GET(apiRequest(`/api/v1/target-lists/${listId}/entries`, { cookie: ann.cookie }), params({ id: listId }))).json();
    const qygEntry = entries.data.find((e: { organisation: { code: string } }) => e.organisation.code === "QYG");
    const patched = await entryRoute.PATCH(
      apiRequest(`/api/v1/target-lists/${listId}/entries/${qygEntry.id}`, { method: "PATCH", cookie: ann.cookie, body: { version: 1, next_step: "=1+1", next_step_date: "2026-12-10", estimated_value_gbp: 250000.5 } }),
      params({ id: listId, entryId: qygEntry.id }),
    );
    expect(patched.status).toBe(200);
    await organisationNotesRoute.POST(apiRequest("/api/v1/organisations/QYG/notes", { method: "POST", cookie: ann.cookie, body: { body: "Pŵer demo booked" } }), params({ code: "QYG" }));

    const sheet = await readXlsx(await exportRoute.GET(apiRequest(`/api/v1/target-lists/${listId}/export.csv?format=xlsx`, { cookie: ann.cookie }), params({ id: listId })));
    expectSpreadsheetShape(sheet);
    expect(sheet.rows.map((r) => r.code).sort()).toEqual(["01F", "QYG", "S08000020"]);
    const qyg = sheet.rows.find((r) => r.code === "QYG")!;
    expect(qyg).toMatchObject({ icb_or_board_code: "QYG", next_step: "=1+1", estimated_value_gbp: 250000.5, last_note_author: "ann" });
    expect(qyg.next_step_date).toEqual(new Date("2026-12-10T00:00:00Z"));
    expect(qyg.added_at).toBeInstanceOf(Date);
    expect(Math.abs((qyg.added_at as Date).getTime() - Date.now())).toBeLessThan(10 * 60_000);
    expect(qyg.last_note_at).toBeInstanceOf(Date);
    expect(typeof qyg.population).toBe("number");
    expect(sheet.rows.find((r) => r.code === "01F")!.icb_or_board_code).toBe("QYG");
  });

  it("a target list: CSV stays the default, an unknown format is a 400, and another team's list is a 404", async () => {
    const csv = await exportRoute.GET(apiRequest(`/api/v1/target-lists/${listId}/export.csv`, { cookie: ann.cookie }), params({ id: listId }));
    expect(csv.headers.get("content-type")).toMatch(/text\/csv/);
    // Not read: cancelled, as a client that goes away, which gives back the team's export slot
    await csv.body?.cancel();
    expect((await exportRoute.GET(apiRequest(`/api/v1/target-lists/${listId}/export.csv?format=ods`, { cookie: ann.cookie }), params({ id: listId }))).status).toBe(400);
    expect((await exportRoute.GET(apiRequest(`/api/v1/target-lists/${listId}/export.csv?format=xlsx`, { cookie: outsider.cookie }), params({ id: listId }))).status).toBe(404);
  });

  it("a dashboard chart: the population figures as numbers that sum to the organisation table's", async () => {
    const response = await dashboardRoute.GET(apiRequest("/api/v1/dashboard/population-allocation?nation=england&format=xlsx", { cookie: ann.cookie }), params({ chart: "population-allocation" }));
    const sheet = await readXlsx(response);
    expectSpreadsheetShape(sheet);
    const direct = await t.db.organisation.aggregate({ where: { kind: "icb", status: "open" }, _sum: { population: true }, _count: { _all: true } });
    expect(sheet.rows).toHaveLength(direct._count._all);
    expect(sheet.rows.reduce((s, r) => s + ((r.population as number | null) ?? 0), 0)).toBe(direct._sum.population);
    expect(sheet.rows.find((r) => r.code === "S0E4D")!.population).toBeNull();
    expect(sheet.rows.filter((r) => r.allocation_per_head_gbp !== null).every((r) => typeof r.allocation_per_head_gbp === "number")).toBe(true);
  });

  it("a dashboard chart: an unknown format is a 400, and another team's list a 404", async () => {
    expect((await dashboardRoute.GET(apiRequest("/api/v1/dashboard/pipeline?format=xml", { cookie: ann.cookie }), params({ chart: "pipeline" }))).status).toBe(400);
    expect((await dashboardRoute.GET(apiRequest(`/api/v1/dashboard/pipeline?list=${listId}&format=xlsx`, { cookie: outsider.cookie }), params({ chart: "pipeline" }))).status).toBe(404);
    const pipeline = await readXlsx(await dashboardRoute.GET(apiRequest(`/api/v1/dashboard/pipeline?list=${listId}&format=xlsx`, { cookie: ann.cookie }), params({ chart: "pipeline" })));
    expect(pipeline.rows.find((r) => r.stage === "identified")).toMatchObject({ entries: 3, estimated_value_gbp: 250000.5 });
  });
});

describe("the Excel writer", () => {
  it("stops reading batches when the client goes away, so the export's cursor is closed", async () => {
    let batchesRead = 0;
    let closed = false;
    async function* batches() {
      try {
        for (let i = 0; i < 1000; i++) {
          batchesRead++;
          yield Array.from({ length: 2000 }, (_, j) => ({ code: `X${i}-${j}`, name: "A body whose name fills the sheet ".repeat(3) }));
        }
      } finally {
        closed = true;
      }
    }
    const columns = [
      { header: "code", type: "text" as const, value: (r: { code: string }) => r.code },
      { header: "name", type: "text" as const, value: (r: { name: string }) => r.name },
    ];
    const reader = xlsxStream(columns, batches()).getReader();
    await reader.read();
    await reader.cancel();
    await expect.poll(() => closed).toBe(true);
    expect(batchesRead).toBeLessThan(20);
  });
});
