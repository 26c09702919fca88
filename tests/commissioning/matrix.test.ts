import { readFileSync } from "node:fs";
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { commissioningMatrix } from "@/lib/commissioning";
import { NATIONS } from "@/lib/organisations/vocabulary";
import { createTestDatabase, type TestDatabase } from "../support/database";

const rows = parse(readFileSync("data/who_commissions_what.csv", "utf8"), { columns: true, bom: true }) as Record<string, string>[];
// Gaps the data documents (WHO_COMMISSIONS_WHAT.md, "Uncertain or unsourced"): no sourced row exists
const DOCUMENTED_GAPS = new Set(["nhs-health-check|wales", "nhs-health-check|northern-ireland"]);

describe("the who-commissions-what matrix against its data file", () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(() => t.drop());

  it("has every service category of the file, each for every nation bar the documented gaps", async () => {
    const matrix = await commissioningMatrix(t.db);
    expect(matrix.map((r) => r.slug).sort()).toEqual([...new Set(rows.map((r) => r.service_category_slug))].sort());
    for (const row of matrix) {
      for (const nation of NATIONS) {
        const expected = rows.filter((r) => r.service_category_slug === row.slug && r.nation === nation).length;
        expect(row.cells[nation]?.length ?? 0, `${row.slug} / ${nation}`).toBe(expected);
        if (!DOCUMENTED_GAPS.has(`${row.slug}|${nation}`)) expect(expected, `${row.slug} / ${nation}`).toBeGreaterThan(0);
      }
    }
  });

  it("gives every cell entry a source with a title and a URL", async () => {
    for (const row of await commissioningMatrix(t.db)) {
      for (const entries of Object.values(row.cells)) {
        for (const entry of entries) {
          expect(entry.source.title.length).toBeGreaterThan(3);
          expect(entry.source.url).toMatch(/^https?:\/\/\S+$/);
        }
      }
    }
  });

  it("filters to one service", async () => {
    const matrix = await commissioningMatrix(t.db, { service: "sexual-health" });
    expect(matrix).toHaveLength(1);
    expect(matrix[0]!.cells.england?.some((e) => e.commissionerKind === "local-authority")).toBe(true);
  });
});
