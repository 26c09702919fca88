// The corrections of the data audit (issue 14), each proved on the real data: read by the importer,
// and loaded into the test database from data/.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { OrganisationRecord } from "@/lib/import/records";
import { frimleyParents } from "@/lib/import/sources/frimley-pcns";
import { readWhoCommissionsWhat } from "@/lib/import/sources/who-commissions-what";
import { findCurrentBuyer } from "@/lib/organisations/succession";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { refusalOf } from "../support/reference-data";

const TODAY = "2026-11-23";
const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** The real data/ with one line of one file changed. */
function realDataWith(file: string, edit: (line: string) => string | null) {
  const dir = mkdtempSync(path.join(tmpdir(), "atlas-corrections-"));
  dirs.push(dir);
  cpSync(path.join(process.cwd(), "data"), dir, { recursive: true });
  const lines = readFileSync(path.join(dir, file), "utf8").split("\n");
  const index = lines.findIndex((line) => edit(line) !== null);
  lines[index] = edit(lines[index]!)!;
  writeFileSync(path.join(dir, file), lines.join("\n"));
  return { dataDir: dir, line: index + 1 };
}
const refusal = (dataDir: string) => refusalOf(dataDir, TODAY);

describe("corrections found by the audit, in the loaded data", () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(() => t.drop());

  it("leads from North Bristol NHS Trust (RVJ), closed on 30 June 2026, to RA7, which it merged with on 1 July 2026", async () => {
    const buyer = await findCurrentBuyer(t.db, "RVJ");
    expect(buyer?.organisation).toMatchObject({ code: "RVJ", status: "closed" });
    expect(buyer?.current.map((b) => b.code)).toEqual(["RA7"]);
    const succession = await t.db.succession.findFirstOrThrow({ where: { predecessor: { code: "RVJ" } }, include: { successor: true } });
    expect(succession).toMatchObject({ reason: "merger", source: expect.stringContaining("ODS etr.csv") });
    expect(succession.effectiveDate.toISOString().slice(0, 10)).toBe("2026-07-01");
    // Its name before the merger still finds it
    expect(succession.successor.otherNames).toContain("University Hospitals Bristol and Weston NHS Foundation Trust");
  });

  it("puts no PCN under Frimley's closed D4U1Y: its 16 go to U2G6B (10), D9Y0V (4) and 92A (2), where their practices are", async () => {
    expect(await t.db.organisation.count({ where: { kind: "pcn", parent: { code: "D4U1Y" } } })).toBe(0);
    const moved = await t.db.organisation.findMany({
      where: { kind: "pcn", details: { path: ["subIcbCodeOct2025"], equals: "D4U1Y" } },
      select: { code: true, parent: { select: { code: true } } },
    });
    const perLocation: Record<string, number> = {};
    for (const pcn of moved) perLocation[pcn.parent!.code] = (perLocation[pcn.parent!.code] ?? 0) + 1;
    expect(perLocation).toEqual({ U2G6B: 10, D9Y0V: 4, "92A": 2 });
    // Aldershot PCN (U03055): its four practices are in D9Y0V in the April 2026 file, so today's ICB is QRL
    expect((await findCurrentBuyer(t.db, "U03055"))?.currentCommissioners.map((b) => b.code)).toEqual(["QRL"]);
  });

  it("gives U2G6B the ONS code E38000268 of NHS England's April 2026 practice file", async () => {
    expect(await t.db.organisation.findUniqueOrThrow({ where: { code: "U2G6B" } })).toMatchObject({ onsCode: "E38000268" });
  });

  it("gives QNQ's allocation row the successors icbs.csv gives it", () => {
    const row = readFileSync("data/icb_allocations.csv", "utf8").split("\n").find((line) => line.startsWith("QNQ,"))!;
    expect(row.trim().split(",").at(-1)).toBe("QRL;S0E4D;S9B9J");
  });

  it("labels QNQ -> QRL as a boundary change (QRL continued), and QNQ -> S0E4D and S9B9J as a split", async () => {
    const successions = await t.db.succession.findMany({ where: { predecessor: { code: "QNQ" } }, include: { successor: true } });
    const reasons = Object.fromEntries(successions.map((s) => [s.successor.code, s.reason]));
    expect(reasons).toEqual({ QRL: "boundary-change", S0E4D: "split", S9B9J: "split" });
    expect(successions.find((s) => s.successor.code === "QRL")?.note).toMatch(/^QRL took over part of the area and continued/);
  });
});

describe("the importer refuses what the corrections fixed", () => {
  it("refuses an allocation row whose successors disagree with icbs.csv, naming the ICB and line", () => {
    const { dataDir, line } = realDataWith("icb_allocations.csv", (row) => (row.startsWith("QNQ,") ? row.replace(",QRL;S0E4D;S9B9J", ",") : null));
    expect(refusal(dataDir)).toEqual([
      { file: "icb_allocations.csv", line, reason: "QNQ: successor_icb_ods_code_apr2026 is blank where icbs.csv gives QRL;S0E4D;S9B9J" },
    ]);
  });

  it("refuses a Frimley PCN whose practices sit in two sub-ICB locations, naming the PCN", () => {
    // One of Ascot PCN's practices (K81010, U2G6B in the file) reshaped into D9Y0V
    const { dataDir } = realDataWith("gp_registered_patients_2026_04.csv", (row) => (row.includes(",U2G6B,E38000268,K81010,") ? row.replace(",U2G6B,", ",D9Y0V,") : null));
    expect(refusal(dataDir)).toEqual([
      {
        file: "gp_registered_patients_2026_04.csv",
        line: 0,
        reason: "PCN U14074 (ASCOT PCN) of Frimley's D4U1Y is not wholly in one sub-ICB location: its practices are in D9Y0V, U2G6B",
      },
    ]);
  });
});

describe("who_commissions_what.csv dates", () => {
  it("refuses an arrangement that ends before it starts, naming the line", () => {
    // The 2023/24 joint-committee row, reshaped to end in 2022
    const { dataDir, line } = realDataWith("who_commissions_what.csv", (row) => (row.includes(",joint,2023-04-01,2025-03-31,") ? row.replace(",2023-04-01,2025-03-31,", ",2023-04-01,2022-03-31,") : null));
    expect(readWhoCommissionsWhat({ dataDir, today: TODAY }).errors).toEqual([{ file: "who_commissions_what.csv", line, reason: "effective_to: is before effective_from" }]);
  });
});

describe("frimleyParents", () => {
  // Two PCNs and three practices reshaped from real rows of pcns.csv and gp_practices.csv: names and other parents changed, fields trimmed
  const body = (code: string, name: string, parentCode: string) => ({ code, name, parentCode }) as OrganisationRecord;
  const pcns = [body("U17969", "FARNHAM PCN", "D4U1Y"), body("U00000", "ANOTHER PCN", "15A")];
  const practices = [body("H81001", "A FARNHAM PRACTICE", "U17969"), body("H81110", "A PRACTICE OUTSIDE A PCN", "D4U1Y"), body("K81002", "ELSEWHERE", "U00000")];

  it("moves a Frimley PCN and a practice outside a PCN to the file's location, and leaves other bodies alone", () => {
    const map = new Map([["H81001", "92A"], ["H81110", "92A"], ["K81002", "D9Y0V"]]);
    expect(frimleyParents(map, pcns, practices)).toEqual({ parents: new Map([["H81110", "92A"], ["U17969", "92A"]]), errors: [] });
  });

  it("refuses a Frimley PCN none of whose practices is in the file", () => {
    expect(frimleyParents(new Map(), pcns, practices).errors.map((e) => e.reason)).toEqual([
      "PCN U17969 (FARNHAM PCN) of Frimley's D4U1Y is not wholly in one sub-ICB location: none of its practices is in the file",
    ]);
  });
});
