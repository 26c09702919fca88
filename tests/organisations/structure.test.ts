import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { countByNationAndKind, listClosedWithSuccessors, parentChain } from "@/lib/organisations/read";
import { createTestDatabase, type TestDatabase } from "../support/database";

describe("the imported NHS structure", () => {
  let t: TestDatabase;
  let open: (nation: string, kind: string) => number;
  beforeAll(async () => {
    t = await createTestDatabase();
    const counts = await countByNationAndKind(t.db);
    open = (nation, kind) => counts.find((c) => c.nation === nation && c.kind === kind)?.open ?? 0;
  });
  afterAll(() => t.drop());

  it("has England's structure since 1 April 2026", () => {
    expect(open("england", "nhse-region")).toBe(7);
    expect(open("england", "icb")).toBe(36);
    expect(open("england", "sub-icb-location")).toBe(106);
    expect(open("england", "pcn")).toBe(1297);
    expect(open("england", "gp-practice")).toBe(6202);
    expect(open("england", "local-authority")).toBe(153);
    expect(open("england", "nhs-trust")).toBeGreaterThan(190);
  });

  it("has Scotland, Wales and Northern Ireland", async () => {
    expect(open("scotland", "health-board")).toBe(14);
    expect(open("scotland", "hscp")).toBe(31);
    expect(open("wales", "local-health-board")).toBe(7);
    expect(open("wales", "welsh-nhs-trust")).toBe(3);
    expect(open("northern-ireland", "sppg")).toBe(1);
    const trusts = await t.db.organisation.findMany({ where: { kind: "hsc-trust", status: "open" }, select: { code: true } });
    expect(trusts.map((o) => o.code).sort()).toEqual(["Z1990", "ZT001", "ZT002", "ZT003", "ZT004", "ZT005"]);
  });

  it("lists the 12 ICBs closed on 31 March 2026, each linked to an open successor", async () => {
    const closedIcbs = await listClosedWithSuccessors(t.db, "icb");
    expect(closedIcbs.map((b) => b.code).sort()).toEqual(["QH8", "QHG", "QJG", "QM7", "QMJ", "QMM", "QNQ", "QNX", "QRV", "QU9", "QUE", "QXU"]);
    for (const body of closedIcbs) {
      expect(body.closeDate).toBe("2026-03-31");
      expect(body.successors.length).toBeGreaterThan(0);
      for (const successor of body.successors) expect(successor).toMatchObject({ kind: "icb", status: "open", effectiveDate: "2026-04-01" });
    }
  });

  it("records the HSC Board's replacement by SPPG and Wales's committees' by the JCC", async () => {
    const closed = await listClosedWithSuccessors(t.db);
    const successorsOf = (code: string) => closed.find((b) => b.code === code)?.successors.map((s) => s.code);
    expect(successorsOf("ZB001")).toEqual(["ATLAS-NI-SPPG"]);
    expect(successorsOf("ATLAS-W-WHSSC")).toEqual(["ATLAS-W-JCC"]);
    expect(successorsOf("SB0804")).toEqual(["ATLAS-S-PHS"]);
  });

  it("chains a GP practice up to NHS England and the department", async () => {
    const chain = await parentChain(t.db, "A81001");
    expect(chain.map((c) => c.kind)).toEqual(["pcn", "sub-icb-location", "icb", "nhse-region", "national-body", "national-body"]);
    expect(chain.slice(-2).map((c) => c.code)).toEqual(["X24", "ATLAS-DHSC"]);
  });

  it("chains an HSCP to its health board", async () => {
    const chain = await parentChain(t.db, "S37000001");
    expect(chain[0]).toMatchObject({ code: "S08000020", kind: "health-board" });
  });

  it("derives a new ICB's population from its unchanged sub-ICB locations, and gives none where the boundary moved", async () => {
    const centralEast = await t.db.organisation.findUniqueOrThrow({ where: { code: "S1Y5D" } });
    const parts = await t.db.organisation.aggregate({ where: { parent: { code: "S1Y5D" }, kind: "sub-icb-location" }, _sum: { population: true } });
    expect(centralEast.population).toBe(parts._sum.population);
    expect(centralEast.populationSource).toMatch(/sub-ICB/);
    const thamesValley = await t.db.organisation.findUniqueOrThrow({ where: { code: "S0E4D" } });
    expect(thamesValley.population).toBeNull();
  });

  it("keeps the 2023/24 to 2025/26 allocations on the 42-ICB structure", async () => {
    const allocations = await t.db.allocation.findMany({ where: { financialYear: "2025/26", line: "core-total" }, include: { organisation: true } });
    expect(allocations).toHaveLength(42);
    expect(allocations.every((a) => a.structure === "42-icb")).toBe(true);
    const sum = allocations.reduce((s, a) => s + Number(a.amountGbpThousands), 0);
    expect(Math.round(sum)).toBeGreaterThan(124_000_000);
  });
});
