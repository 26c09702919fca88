import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { matchNames } from "@/lib/matching/engine";
import { execute } from "@/lib/db/query";
import { sql } from "@/lib/db/sql";
import { createTestDatabase, type TestDatabase } from "../support/database";

const codes = (refs: { code: string }[]) => refs.map((r) => r.code).sort();

describe("matching a spreadsheet of accounts to today's bodies", () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase();
    // Fixture, reshaping real rows of ../shared/data/ccgs_2013_2022.csv until the CCG data is
    // loaded by the importer (when it is, these change nothing): the April-2021 CCG M1J4Y's name
    // becomes a former name of the sub-ICB location that carries its code on, and the CCG 06F
    // (NHS Bedfordshire CCG, closed 31 March 2021, merged into M1J4Y) a closed body with its succession.
    await execute(t.db, sql`UPDATE organisation SET other_names = array_append(other_names, 'NHS Bedfordshire, Luton and Milton Keynes CCG')
      WHERE code = 'M1J4Y' AND NOT ('NHS Bedfordshire, Luton and Milton Keynes CCG' = ANY(other_names))`);
    await execute(t.db, sql`INSERT INTO organisation (code, code_system, name, kind, nation, status, open_date, close_date, source, source_as_of, updated_at)
      VALUES ('06F', 'ods', 'NHS Bedfordshire CCG', 'sub-icb-location', 'england', 'closed', '2013-04-01', '2021-03-31', 'ccgs_2013_2022.csv (test fixture)', '2022-07-01', now())
      ON CONFLICT (code) DO NOTHING`);
    await execute(t.db, sql`INSERT INTO succession (predecessor_id, successor_id, effective_date, reason, source)
      SELECT p.id, s.id, '2021-04-01', 'merger', 'ccgs_2013_2022.csv (test fixture)' FROM organisation p, organisation s WHERE p.code = '06F' AND s.code = 'M1J4Y'
      ON CONFLICT DO NOTHING`);
  });
  afterAll(() => t.drop());

  it("matches each row of old and new names and codes to the expected body of today", async () => {
    const rows = [
      "NHS Frimley ICB", // closed April 2026, split
      "NHS Bedfordshire, Luton and Milton Keynes Integrated Care Board", // merged into Central East
      "Cheshire and Merseyside ICB", // without NHS
      "cheshire & merseyside integrated care board",
      "Manchester Univeristy NHS Foundation Trust", // misspelt
      "Bwrdd Iechyd Prifysgol Betsi Cadwaladr", // the LHB's Welsh name
      "r0a", // a trust code, lower case
      "NHS Bedfordshire, Luton and Milton Keynes CCG", // a 2021 CCG name
      "NHS Bedfordshire CCG", // a CCG closed in 2021
    ];
    const results = await matchNames(t.db, rows);
    expect(results.map((r) => r.input)).toEqual(rows);
    const [frimley, blmk, cheshire, ampersand, manchester, betsi, code, ccg2021, ccg2013] = results;

    expect(frimley).toMatchObject({ matched: { code: "QNQ", kind: "icb", status: "closed" }, method: "successor", confidence: 1, ambiguous: false });
    expect(codes(frimley!.today)).toEqual(["QRL", "S0E4D", "S9B9J"]);
    expect(blmk).toMatchObject({ matched: { code: "QHG", status: "closed" }, method: "successor", today: [{ code: "S1Y5D", kind: "icb" }] });
    for (const r of [cheshire, ampersand]) expect(r).toMatchObject({ matched: { code: "QYG", status: "open" }, today: [{ code: "QYG" }], method: "name", confidence: 1, ambiguous: false });
    expect(manchester).toMatchObject({ matched: { code: "R0A", kind: "nhs-trust" }, method: "fuzzy-name", ambiguous: false });
    expect(manchester!.confidence).toBeGreaterThan(0.8);
    expect(manchester!.confidence).toBeLessThan(1);
    expect(betsi).toMatchObject({ matched: { code: "7A1", kind: "local-health-board" }, method: "former-name", today: [{ code: "7A1" }] });
    expect(code).toMatchObject({ matched: { code: "R0A" }, method: "code", confidence: 1, today: [{ code: "R0A" }] });
    // Through the sub-ICB location that carried the CCG on, and the ICB's April 2026 merger
    expect(ccg2021).toMatchObject({ matched: { code: "M1J4Y", kind: "sub-icb-location" }, method: "former-name", today: [{ code: "S1Y5D", kind: "icb" }], ambiguous: false });
    expect(ccg2013).toMatchObject({ matched: { code: "06F", status: "closed" }, method: "successor", today: [{ code: "S1Y5D" }] });
  });

  it("gives the runner-ups, and leaves a name close to two bodies for the analyst", async () => {
    const [shortened, birmingham, unknown, blank] = await matchNames(t.db, ["Royal Free", "Birmingham Hospitals", "Acme Widgets", "  "]);
    expect(shortened).toMatchObject({ matched: { code: "RAL" }, method: "fuzzy-name" });
    // Sandwell and West Birmingham Hospitals and University Hospitals Birmingham are as close
    expect(birmingham!.ambiguous).toBe(true);
    expect([birmingham!.matched!.code, ...birmingham!.alternatives.map((a) => a.code)]).toEqual(expect.arrayContaining(["RRK", "RXK"]));
    for (const alternative of birmingham!.alternatives) expect(alternative.confidence).toBeLessThanOrEqual(birmingham!.confidence);
    expect(unknown).toMatchObject({ matched: null, today: [], method: null, confidence: 0, ambiguous: true });
    expect(blank).toMatchObject({ matched: null, ambiguous: false, alternatives: [] });
  });

  it("matches a file of 5,000 rows in batches (the time is printed, not asserted)", async () => {
    const bodies = await t.db.organisation.findMany({ select: { code: true, name: true }, orderBy: { id: "asc" } });
    // Real names and codes, written as CRMs write them: codes, upper case, without NHS, misspelt
    const variants = [
      (b: { code: string; name: string }) => b.code,
      (b: { name: string }) => b.name.toUpperCase(),
      (b: { name: string }) => b.name.replace(/\bNHS\b/g, "").trim(),
      (b: { name: string }) => b.name.replace(/(\w)(\w)(\w*)$/, "$2$1$3"),
    ];
    const rows = Array.from({ length: 5000 }, (_, n) => variants[n % variants.length]!(bodies[(n * 7919) % bodies.length]!));
    const started = performance.now();
    const results = await matchNames(t.db, rows);
    const seconds = (performance.now() - started) / 1000;
    console.log(`matching: 5,000 rows in ${seconds.toFixed(2)} s (${results.filter((r) => r.matched).length} matched, ${results.filter((r) => r.ambiguous).length} for review)`);
    expect(results).toHaveLength(5000);
  });
});
