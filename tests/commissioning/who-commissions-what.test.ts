import { readFileSync } from "node:fs";
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { NATIONS } from "@/lib/organisations/vocabulary";
import { createTestDatabase, type TestDatabase } from "../support/database";

type Row = Record<string, string>;
const rows = parse(readFileSync("data/who_commissions_what.csv", "utf8"), { columns: true, bom: true }) as Row[];

describe("who commissions what", () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(() => t.drop());

  it("loads every row of the file, each with its source", async () => {
    const loaded = await t.db.commissioningResponsibility.findMany({ include: { serviceCategory: true } });
    expect(loaded).toHaveLength(rows.length);
    for (const r of loaded) {
      expect(r.sourceTitle.length).toBeGreaterThan(0);
      expect(r.sourceUrl).toMatch(/^https?:\/\//);
    }
  });

  it("covers at least 25 service categories, each for the four nations unless a gap is documented", async () => {
    const categories = await t.db.serviceCategory.findMany({ include: { responsibilities: true } });
    expect(categories.length).toBeGreaterThanOrEqual(25);
    const documentedGaps = new Set(["nhs-health-check|wales", "nhs-health-check|northern-ireland"]);
    for (const category of categories) {
      for (const nation of NATIONS) {
        const covered = category.responsibilities.some((r) => r.nation === nation);
        expect(covered || documentedGaps.has(`${category.slug}|${nation}`), `${category.slug} in ${nation}`).toBe(true);
      }
    }
  });

  it("links named commissioners to their bodies: NHS England for specialised services, SPPG in Northern Ireland", async () => {
    const nhsEngland = await t.db.commissioningResponsibility.findMany({ where: { commissionerKind: "nhs-england" }, include: { commissionerOrg: true } });
    expect(nhsEngland.length).toBeGreaterThan(0);
    expect(nhsEngland.every((r) => r.commissionerOrg?.code === "X24")).toBe(true);
    const sppg = await t.db.commissioningResponsibility.findFirst({ where: { commissionerKind: "sppg" }, include: { commissionerOrg: true } });
    expect(sppg?.commissionerOrg?.kind).toBe("sppg");
  });
});
