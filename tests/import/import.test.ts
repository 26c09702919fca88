import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrate } from "@/lib/db/migrate";
import { importReferenceData, ImportValidationError } from "@/lib/import";
import { createTestDatabase, type TestDatabase } from "../support/database";

const TODAY = "2026-11-23";

/** A digest of every reference table, to prove a refused import changed nothing at all. */
async function digest(database: TestDatabase): Promise<string> {
  const rows = await database.db.$queryRawUnsafe<{ d: string }[]>(`
    SELECT md5(
      coalesce((SELECT string_agg(o::text, '|' ORDER BY code) FROM organisation o), '') ||
      coalesce((SELECT string_agg(s::text, '|' ORDER BY predecessor_id, successor_id) FROM succession s), '') ||
      coalesce((SELECT string_agg(a::text, '|' ORDER BY id) FROM allocation a), '') ||
      coalesce((SELECT string_agg(r::text, '|' ORDER BY id) FROM commissioning_responsibility r), '')
    ) AS d`);
  return rows[0]!.d;
}

function copyData(): string {
  const dir = mkdtempSync(path.join(tmpdir(), "atlas-data-"));
  cpSync(path.join(process.cwd(), "data"), dir, { recursive: true });
  return dir;
}

function replaceLine(file: string, lineNumber: number, edit: (line: string) => string) {
  const lines = readFileSync(file, "utf8").split("\n");
  lines[lineNumber - 1] = edit(lines[lineNumber - 1]!);
  writeFileSync(file, lines.join("\n"));
}

describe("reference data import", () => {
  let empty: TestDatabase;
  const dirs: string[] = [];
  beforeAll(async () => {
    empty = await createTestDatabase({ empty: true });
    await migrate(empty.url, () => {});
  });
  afterAll(async () => {
    await empty.drop();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it("loads every file on the first run and changes nothing on the second", async () => {
    const first = await importReferenceData(empty.db, { today: TODAY });
    expect(first.added).toBeGreaterThan(8000);
    expect(first.closed).toBeGreaterThanOrEqual(12);
    const before = await digest(empty);
    const imports = await empty.db.dataImport.count();

    const second = await importReferenceData(empty.db, { today: TODAY });
    expect(second).toMatchObject({ added: 0, changed: 0, closed: 0, relatedChanges: 0, missingFromData: [] });
    expect(await digest(empty)).toBe(before);
    expect(await empty.db.dataImport.count()).toBe(imports);
  });

  it("refuses a file with one bad row, naming file and line, and leaves the database unchanged", async () => {
    const dir = copyData();
    dirs.push(dir);
    // Line 11 of pcns.csv is the 10th PCN; its member count must be a whole number
    replaceLine(path.join(dir, "pcns.csv"), 11, (line) => line.replace(/,(\d+),([^,]*),(\d{8}|),/, ",many,$2,$3,"));
    const before = await digest(empty);

    const error = await importReferenceData(empty.db, { dataDir: dir, today: TODAY }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImportValidationError);
    const { errors } = error as ImportValidationError;
    expect(errors).toEqual([{ file: "pcns.csv", line: 11, reason: expect.stringContaining("member_practices_oct2025") }]);
    expect((error as Error).message).toContain("pcns.csv:11");
    expect(await digest(empty)).toBe(before);
  });

  it("loads nothing at all into an empty database when one row is bad", async () => {
    const fresh = await createTestDatabase({ empty: true });
    try {
      await migrate(fresh.url, () => {});
      const dir = copyData();
      dirs.push(dir);
      replaceLine(path.join(dir, "icbs.csv"), 3, (line) => line.replace(/,\d+,([^,]*),([^,]*),(unchanged|merged[^,]*)$/, ",,$1,$2,$3"));
      replaceLine(path.join(dir, "gp_practices.csv"), 2, (line) => line.replace(/,(TPP|EMIS|Unknown),/, ",Cerner,"));
      const error = (await importReferenceData(fresh.db, { dataDir: dir, today: TODAY }).catch((e: unknown) => e)) as ImportValidationError;
      expect(error).toBeInstanceOf(ImportValidationError);
      expect(error.errors.map((e) => `${e.file}:${e.line}`).sort()).toEqual(["gp_practices.csv:2", "icbs.csv:3"]);
      expect(await fresh.db.organisation.count()).toBe(0);
    } finally {
      await fresh.drop();
    }
  });

  it("reports a renamed body as changed and a body past its close date as closed", async () => {
    const dir = copyData();
    dirs.push(dir);
    replaceLine(path.join(dir, "gp_practices.csv"), 2, (line) => line.replace("THE DENSHAM SURGERY", "THE DENSHAM MEDICAL CENTRE"));
    const report = await importReferenceData(empty.db, { dataDir: dir, today: TODAY });
    expect(report).toMatchObject({ added: 0, changed: 1, closed: 0 });
    expect((await empty.db.organisation.findUniqueOrThrow({ where: { code: "A81001" } })).name).toBe("THE DENSHAM MEDICAL CENTRE");

    // The same files read on a day before North Bristol's close date reopen it; back to today closes it again
    await importReferenceData(empty.db, { dataDir: dir, today: "2026-06-01" });
    const closing = await importReferenceData(empty.db, { dataDir: dir, today: TODAY });
    expect(closing.closed).toBe(1);
    expect((await empty.db.organisation.findUniqueOrThrow({ where: { code: "RVJ" } })).status).toBe("closed");
  });
});
