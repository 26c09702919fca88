import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { matchedSpreadsheet, matchNames, readUpload } from "@/lib/matching";
import { accountColumn } from "@/lib/matching/spreadsheet";
import { ADDED_COLUMNS, MAX_MATCH_BYTES, MAX_MATCH_ROWS } from "@/lib/matching/vocabulary";
import { createTestDatabase, type TestDatabase } from "../support/database";

/** A CRM export as an analyst would upload it: real names, an owner column, a number and a date. */
async function crmWorkbook(): Promise<File> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("Accounts");
  sheet.addRow(["Owner", "Account Name", "Deal value", "Last contact"]);
  sheet.addRow(["Ann", "NHS Frimley ICB", 125000, new Date(Date.UTC(2026, 2, 4))]);
  sheet.addRow(["Bob", "Cheshire & Merseyside Integrated Care Board", 99000.5, new Date(Date.UTC(2026, 5, 30))]);
  sheet.addRow(["Cat", "Acme Widgets", 1, null]);
  return new File([await workbook.xlsx.writeBuffer()], "crm export.xlsx");
}

describe("spreadsheets of accounts in and out", () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(() => t.drop());

  it("reads an .xlsx, matches its account column and gives it back with the body's columns added", async () => {
    const file = await crmWorkbook();
    const sheet = await readUpload(file);
    expect(sheet).toMatchObject({ format: "xlsx", sheetName: "Accounts", headers: ["Owner", "Account Name", "Deal value", "Last contact"] });
    const column = accountColumn(sheet.headers);
    expect(column).toBe(1);
    const results = await matchNames(t.db, sheet.rows.map((row) => row[column]!));
    // The analyst keeps what was found and skips the row that matched nothing
    const codes = results.map((r) => (r.ambiguous ? null : (r.matched?.code ?? null)));
    expect(codes).toEqual(["QNQ", "QYG", null]);

    const download = await matchedSpreadsheet(t.db, file, codes);
    expect(download.filename).toBe("crm export-matched.xlsx");
    const back = new ExcelJS.Workbook();
    await back.xlsx.load(download.bytes as unknown as ArrayBuffer);
    const out = back.worksheets[0]!;
    expect(out.name).toBe("Accounts");
    const rows = out.getSheetValues().slice(1) as ExcelJS.CellValue[][];
    expect(rows.map((r) => r.slice(1))).toEqual([
      ["Owner", "Account Name", "Deal value", "Last contact", ...ADDED_COLUMNS],
      ["Ann", "NHS Frimley ICB", 125000, new Date(Date.UTC(2026, 2, 4)), "QNQ", "NHS Frimley Integrated Care Board", "icb", "closed",
        "QRL NHS Hampshire and Isle of Wight Integrated Care Board; S9B9J NHS Surrey and Sussex Integrated Care Board; S0E4D NHS Thames Valley Integrated Care Board"],
      ["Bob", "Cheshire & Merseyside Integrated Care Board", 99000.5, new Date(Date.UTC(2026, 5, 30)), "QYG", "NHS Cheshire and Merseyside Integrated Care Board", "icb", "open", "QYG NHS Cheshire and Merseyside Integrated Care Board"],
      // exceljs reads an empty cell as a hole
      ["Cat", "Acme Widgets", 1, undefined, "", "", "", "", ""],
    ]);
    expect(out.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
  });

  it("gives a CSV back as CSV, with the file's own columns first and in order", async () => {
    const file = new File(["\uFEFFcode;organisation\r\nRXQ;Buckinghamshire Healthcare\r\n"], "accounts.csv");
    const sheet = await readUpload(file);
    expect(sheet).toMatchObject({ format: "csv", headers: ["code", "organisation"], rows: [["RXQ", "Buckinghamshire Healthcare"]] });
    expect(accountColumn(sheet.headers)).toBe(1);
    const download = await matchedSpreadsheet(t.db, file, ["RXQ"]);
    const text = new TextDecoder().decode(download.bytes);
    expect(text.split("\r\n")[0]).toBe(`code,organisation,${ADDED_COLUMNS.join(",")}`);
    expect(text.split("\r\n")[1]).toMatch(/^RXQ,Buckinghamshire Healthcare,RXQ,Buckinghamshire Healthcare NHS Trust,nhs-trust,open,/i);
  });

  it("refuses an empty file, one over the limits, and one that is not a spreadsheet, saying why", async () => {
    await expect(readUpload(new File([""], "empty.csv"))).rejects.toThrow("The file is empty.");
    await expect(readUpload(new File(["name\n"], "header.csv"))).rejects.toThrow("no rows");
    await expect(readUpload(new File([`name\n${"QYG\n".repeat(MAX_MATCH_ROWS + 1)}`], "big.csv"))).rejects.toThrow("at most 10,000 can be matched at once");
    await expect(readUpload(new File(["x".repeat(MAX_MATCH_BYTES + 1)], "huge.csv"))).rejects.toThrow("larger than 5 MB");
    await expect(readUpload(new File(["%PDF"], "accounts.pdf"))).rejects.toThrow("Upload a CSV (.csv) or Excel (.xlsx) file.");
    await expect(readUpload(new File(["not a zip"], "accounts.xlsx"))).rejects.toThrow("not a readable Excel workbook");
  });
});
