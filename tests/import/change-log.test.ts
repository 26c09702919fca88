import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrate } from "@/lib/db/migrate";
import { importReferenceData } from "@/lib/import";
import { createTestDatabase, type TestDatabase } from "../support/database";

const TODAY = "2026-11-23";

/** Rewrites the first line of a data file that starts with `prefix` (an empty result deletes it). */
function editRow(file: string, prefix: string, edit: (line: string) => string) {
  const lines = readFileSync(file, "utf8").split("\n");
  const index = lines.findIndex((line) => line.startsWith(prefix));
  if (index < 0) throw new Error(`${path.basename(file)} has no row starting ${prefix}`);
  const edited = edit(lines[index]!);
  lines.splice(index, 1, ...(edited ? [edited] : []));
  writeFileSync(file, lines.join("\n"));
}

describe("the change log of reference imports", () => {
  let t: TestDatabase;
  const dirs: string[] = [];
  beforeAll(async () => {
    t = await createTestDatabase({ empty: true });
    await migrate(t.url, () => {});
    await importReferenceData(t.db, { today: TODAY });
  });
  afterAll(async () => {
    await t.drop();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it("starts from the history in the data, dated when it happened, and records no import diff on the first load", async () => {
    expect(await t.db.changeEvent.count({ where: { historyKey: null } })).toBe(0);
    const mergers = await t.db.changeEvent.findMany({ where: { type: { in: ["merged", "split"] }, effectiveDate: new Date("2026-04-01") } });
    // The twelve ICBs that closed on 31 March 2026 all appear, each in an entry with its successor
    const closedIcbs = await t.db.organisation.findMany({ where: { kind: "icb", status: "closed" }, select: { code: true, successors: { select: { successor: { select: { code: true } } } } } });
    expect(closedIcbs).toHaveLength(12);
    for (const icb of closedIcbs) {
      const entry = mergers.find((m) => m.codes.includes(icb.code));
      expect(entry, icb.code).toBeDefined();
      for (const s of icb.successors) expect(entry!.codes).toContain(s.successor.code);
    }
    const centralEast = mergers.find((m) => m.historyKey === "merged:S1Y5D:2026-04-01");
    expect(centralEast).toMatchObject({ type: "merged", nations: ["england"], kinds: ["icb"] });
    expect(centralEast!.codes).toEqual(expect.arrayContaining(["QHG", "S1Y5D"]));
    expect(centralEast!.summary).toBe("NHS Bedfordshire, Luton and Milton Keynes Integrated Care Board and NHS Cambridgeshire and Peterborough Integrated Care Board merged into NHS Central East Integrated Care Board");
    const qnq = mergers.find((m) => m.codes[0] === "QNQ");
    expect(qnq).toMatchObject({ type: "split" });
    expect(qnq!.codes).toEqual(expect.arrayContaining(["QRL", "S0E4D", "S9B9J"]));

    const jcc = await t.db.changeEvent.findUniqueOrThrow({ where: { historyKey: "merged:ATLAS-W-JCC:2024-04-01" } });
    expect(jcc.codes).toEqual(["ATLAS-W-EASC", "ATLAS-W-WHSSC", "ATLAS-W-JCC"]);
    expect(jcc.nations).toEqual(["wales"]);

    // CCGs to ICBs: each of the 42 ICBs of July 2022 took over the commissioning of its former CCGs
    const ccgs = await t.db.changeEvent.findMany({ where: { historyKey: { startsWith: "ccg-to-icb:" } } });
    expect(ccgs).toHaveLength(42);
    expect(ccgs.every((c) => c.effectiveDate.toISOString().startsWith("2022-07-01") && c.type === "commissioning")).toBe(true);
    expect(ccgs.reduce((sum, c) => sum + c.codes.length - 1, 0)).toBeGreaterThanOrEqual(106);

    // North Bristol closed on 30 June 2026 and merged into RA7 the next day: one entry, the merger
    const rvj = await t.db.changeEvent.findMany({ where: { codes: { has: "RVJ" } } });
    expect(rvj).toHaveLength(1);
    expect(rvj[0]).toMatchObject({ type: "merged", codes: ["RVJ", "RA7"] });
    expect(rvj[0]!.effectiveDate.toISOString().slice(0, 10)).toBe("2026-07-01");
  });

  it("records nothing when the same data is imported again", async () => {
    const [events, imports] = [await t.db.changeEvent.count(), await t.db.dataImport.count()];
    const report = await importReferenceData(t.db, { today: TODAY });
    expect(report.changesRecorded).toBe(0);
    expect(await t.db.changeEvent.count()).toBe(events);
    expect(await t.db.dataImport.count()).toBe(imports);
  });

  it("records exactly the changes of an import of changed data, once", async () => {
    // A temporary copy of data/ reshaped (not real changes): a practice renamed and moved to another PCN
    // of its sub-ICB location, QOX closed into QHL, a board's population revised and a commissioning row changed
    const dir = mkdtempSync(path.join(tmpdir(), "atlas-data-"));
    dirs.push(dir);
    cpSync(path.join(process.cwd(), "data"), dir, { recursive: true });
    editRow(path.join(dir, "gp_practices.csv"), "A81001,", (line) => line.replace("THE DENSHAM SURGERY", "THE DENSHAM MEDICAL CENTRE").replace("U89141,STOCKTON PCN", "U07032,NORTH STOCKTON PCN"));
    editRow(path.join(dir, "icbs_2026.csv"), "QOX,", () => "");
    editRow(path.join(dir, "icbs.csv"), "QOX,", (line) => line.replace(/,QOX,"[^"]*",unchanged(\r?)$/, ",QHL,NHS BIRMINGHAM AND SOLIHULL INTEGRATED CARE BOARD,merged into QHL$1"));
    editRow(path.join(dir, "icb_allocations.csv"), "QOX,", (line) => line.replace(/,QOX(\r?)$/, ",QHL$1"));
    editRow(path.join(dir, "wales_local_health_boards.csv"), "7A1,", (line) => line.replace(",697115,", ",700001,"));
    editRow(path.join(dir, "who_commissions_what.csv"), "gp-primary-medical-services,GP and primary medical services,scotland,", (line) => line.replace(",provides-and-plans,", ",commissions,"));

    const report = await importReferenceData(t.db, { dataDir: dir, today: TODAY });
    const latest = await t.db.dataImport.findFirstOrThrow({ orderBy: { id: "desc" } });
    const recorded = await t.db.changeEvent.findMany({ where: { importId: latest.id }, orderBy: { id: "asc" } });
    expect(report.changesRecorded).toBe(recorded.length);
    const byType = Object.fromEntries(recorded.map((e) => [e.type, e]));
    // The practice's move also moves its registered patients from one PCN's count to the other's
    expect(recorded.map((e) => e.type).sort()).toEqual(["commissioning", "figures", "figures", "figures", "merged", "moved", "renamed"]);
    const figures = recorded.filter((e) => e.type === "figures");
    expect(figures.map((e) => e.codes[0]).sort()).toEqual(["7A1", "U07032", "U89141"]);
    const patients = (e: (typeof figures)[number], when: "before" | "after") => (e[when] as { registered_patients: number }).registered_patients;
    const [from, to] = ["U89141", "U07032"].map((code) => figures.find((e) => e.codes[0] === code)!);
    expect(patients(from!, "before") - patients(from!, "after")).toBe(patients(to!, "after") - patients(to!, "before"));
    expect(patients(from!, "before") - patients(from!, "after")).toBeGreaterThan(0);

    expect(byType.renamed).toMatchObject({ codes: ["A81001"], kinds: ["gp-practice"], before: { name: "THE DENSHAM SURGERY" }, after: { name: "THE DENSHAM MEDICAL CENTRE" } });
    expect(byType.renamed!.effectiveDate.toISOString().slice(0, 10)).toBe(TODAY);
    expect(byType.moved).toMatchObject({ codes: ["A81001", "U89141", "U07032"], before: { parent: "U89141" }, after: { parent: "U07032" } });
    expect(byType.merged).toMatchObject({ historyKey: "merged:QHL:2026-04-01", codes: ["QOX", "QHL"] });
    expect(byType.merged!.effectiveDate.toISOString().slice(0, 10)).toBe("2026-04-01");
    byType.figures = figures.find((e) => e.codes[0] === "7A1")!;
    expect(byType.figures).toMatchObject({ codes: ["7A1"], nations: ["wales"], before: { population: 697115 }, after: { population: 700001 } });
    expect(byType.figures!.summary).toContain("population 697,115 → 700,001");
    expect(byType.commissioning).toMatchObject({ nations: ["scotland"], sourceUrl: "http://www.ournhsscotland.com/our-nhs/nhsscotland-how-it-works" });
    expect(byType.commissioning!.summary).toContain("commissions");
    expect((byType.commissioning!.before as { arrangement: string }).arrangement).toBe("provides-and-plans");

    const again = await importReferenceData(t.db, { dataDir: dir, today: TODAY });
    expect(again.changesRecorded).toBe(0);
  });
});
