import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findCurrentBuyer } from "@/lib/organisations/succession";
import { createTestDatabase, type TestDatabase } from "../support/database";

describe("finding today's buyer from an old or current code", () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(() => t.drop());

  const codes = (refs: { code: string }[] | undefined) => refs?.map((r) => r.code).sort();

  it("leads from an ICB merged in April 2026 to the ICB that replaced it", async () => {
    const buyer = await findCurrentBuyer(t.db, "QHG"); // Bedfordshire, Luton and Milton Keynes
    expect(buyer?.organisation).toMatchObject({ code: "QHG", status: "closed" });
    expect(codes(buyer?.current)).toEqual(["S1Y5D"]);
    expect(codes(buyer?.currentCommissioners)).toEqual(["S1Y5D"]);
  });

  it("leads from a split ICB to every ICB that took part of it", async () => {
    const buyer = await findCurrentBuyer(t.db, "qnq"); // Frimley, lower-case as a user might type it
    expect(codes(buyer?.current)).toEqual(["QRL", "S0E4D", "S9B9J"]);
  });

  it("leads from a sub-ICB location (a former CCG code) to today's ICB", async () => {
    const buyer = await findCurrentBuyer(t.db, "06H");
    expect(buyer?.organisation).toMatchObject({ kind: "sub-icb-location", status: "open" });
    expect(codes(buyer?.currentCommissioners)).toEqual(["S1Y5D"]);
  });

  it("leads from Frimley's closed sub-ICB location to the ICBs of the locations that took its practices", async () => {
    const buyer = await findCurrentBuyer(t.db, "D4U1Y");
    expect(codes(buyer?.current)).toEqual(["92A", "D9Y0V", "U2G6B"]);
    expect(codes(buyer?.currentCommissioners)).toEqual(["QRL", "S0E4D", "S9B9J"]);
  });

  it("leads from a GP practice to its ICB, and from the HSC Board to SPPG", async () => {
    expect(codes((await findCurrentBuyer(t.db, "A81001"))?.currentCommissioners)).toEqual(["QHM"]);
    expect(codes((await findCurrentBuyer(t.db, "ZB001"))?.current)).toEqual(["ATLAS-NI-SPPG"]);
  });

  it("answers null for an unknown or malformed code", async () => {
    expect(await findCurrentBuyer(t.db, "NOPE1")).toBeNull();
    expect(await findCurrentBuyer(t.db, "'; DROP TABLE organisation; --")).toBeNull();
  });
});
