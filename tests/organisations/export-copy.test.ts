// The organisations CSV is streamed from PostgreSQL's binary COPY of its columns (CsvCopyWriter):
// its bytes must be the ones the JavaScript writer (csvStream, lib/csv) wrote for the same rows,
// pinned by fixtures of the export as it was before COPY, and compared with csvStream directly on
// values that need formula neutralisation or quoting.
import { readFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { to as copyTo } from "pg-copy-streams";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as organisationsRoute from "@/app/api/v1/organisations/route";
import { csvColumnsQuery, CsvCopyWriter, csvStream } from "@/lib/csv";
import { CopyRows, sqlLiteral } from "@/lib/db/copy";
import { cursorBatches, exportSource } from "@/lib/db/pool";
import { compileFilters, EXPLORER_EXPORT_COLUMNS, parseExplorerParams, rowsQuery, SEARCH_THRESHOLD_SQL, type ExplorerRow } from "@/lib/organisations/explorer";
import { apiRequest, signedInUser, type TestUser } from "../support/auth";
import { createTestDatabase, type TestDatabase } from "../support/database";

/** Fixtures: the route's CSV for these queries on the real reference data, written by the export before it moved to COPY. */
const FIXTURES = {
  "icbs-by-allocation": "kind=icb&status=all&sort=-allocation&bom=1",
  "closed-ccgs": "kind=ccg&status=closed",
  "search-manchester": "q=manchester&status=all",
  "wales-by-population": "nation=wales&sort=-population",
  "east-pcns-by-patients": "region=Y61&kind=pcn&sort=-patients",
};

describe("organisations CSV export through COPY", () => {
  let t: TestDatabase;
  let analyst: TestUser;
  const exportCsv = (query: string, signal?: AbortSignal) => organisationsRoute.GET(new Request(apiRequest(`/api/v1/organisations?${query}&format=csv`, { cookie: analyst.cookie }), { signal }));

  /** The same rows written by csvStream from a cursor, as the export did before COPY. */
  async function javascriptCsv(query: string): Promise<string> {
    const compiled = await compileFilters(t.db, { teamId: analyst.teamId }, parseExplorerParams(new URLSearchParams(query)));
    const batches = await cursorBatches<ExplorerRow>(exportSource(analyst.teamId), rowsQuery(compiled).build(), { setup: [SEARCH_THRESHOLD_SQL] });
    return new Response(csvStream(EXPLORER_EXPORT_COLUMNS, batches)).text();
  }

  beforeAll(async () => {
    t = await createTestDatabase();
    t.useAsAppDatabase();
    analyst = await signedInUser(t.db, "copy@a.example", "Team Copy", "analyst");
  });
  afterAll(() => t.drop());

  it.each(Object.entries(FIXTURES))("writes the same bytes as before for %s", async (name, query) => {
    const response = await exportCsv(query);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("content-disposition")).toMatch(/^attachment; filename="commissioning-atlas_export_\d{4}-\d{2}-\d{2}\.csv"$/);
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    const expected = readFileSync(path.join(__dirname, "fixtures", `export-${name}.csv`));
    expect(Buffer.from(await response.arrayBuffer()).equals(expected)).toBe(true);
  });

  it("neutralises formulas and quotes cells exactly as csvStream does", async () => {
    // Real ICBs renamed to values that exercise every rule of csvCell (fixture data, not real names)
    const names = ["=SUM(A1)", "+44 1234", "-minus", "@handle", "\tTab first", "\rCR first", " leading space", "trailing space ", "\u00a0no-break space", "ideographic space\u3000", 'say "hello"', "a, b", "line\nbreak", "crlf\r\nend", "", "   ", "plain name"];
    const icbs = await t.db.organisation.findMany({ where: { kind: "icb" }, orderBy: { code: "asc" }, take: names.length, select: { id: true } });
    for (const [i, { id }] of icbs.entries()) await t.db.organisation.update({ where: { id }, data: { name: names[i]!, populationYear: names[names.length - 1 - i]! } });
    for (const query of ["kind=icb&status=all", "kind=icb&status=all&sort=-population", "nation=england&kind=icb,sub-icb-location&status=all&sort=code"]) {
      const copied = await (await exportCsv(query)).text();
      expect(copied).toBe(await javascriptCsv(query));
    }
    const text = await (await exportCsv("kind=icb&status=all&sort=code")).text();
    expect(text).toContain(`,'=SUM(A1),`);
    // Prefixed, a leading tab is no longer leading whitespace: not quoted, as csvCell writes it
    expect(text).toContain(`,'\tTab first,`);
    expect(text).toContain(`," leading space",`);
    expect(text).toContain(`,"say ""hello""",`);
  });

  it("writes the same bytes however the COPY's chunks cut its rows", async () => {
    const query = "kind=ccg&status=all";
    const compiled = await compileFilters(t.db, { teamId: analyst.teamId }, parseExplorerParams(new URLSearchParams(query)));
    const client = new pg.Client(t.url);
    await client.connect();
    const chunks: Buffer[] = [];
    try {
      for await (const chunk of client.query(copyTo(`COPY (${csvColumnsQuery(EXPLORER_EXPORT_COLUMNS, rowsQuery(compiled)).inline(sqlLiteral)}) TO STDOUT (FORMAT binary)`))) chunks.push(chunk as Buffer);
    } finally {
      await client.end();
    }
    const copy = Buffer.concat(chunks);
    const write = (pieces: Buffer[]) => {
      const rows = new CopyRows(EXPLORER_EXPORT_COLUMNS.length, new CsvCopyWriter(EXPLORER_EXPORT_COLUMNS));
      const written = Buffer.concat(pieces.map((piece) => rows.push(piece)));
      rows.end();
      return written;
    };
    const whole = write([copy]);
    expect(whole.toString()).toBe((await javascriptCsv(query)).split("\r\n").slice(1).join("\r\n"));
    for (const size of [1, 2, 3, 5, 7, 64]) {
      const pieces = Array.from({ length: Math.ceil(copy.length / size) }, (_, i) => copy.subarray(i * size, (i + 1) * size));
      expect(write(pieces).equals(whole)).toBe(true);
    }
    expect(() => write([copy.subarray(0, copy.length - 3)])).toThrow(/middle of a row/);
  });

  it("frees the team's slot at once when a long export is cancelled or aborted mid-COPY", async () => {
    process.env.EXPORT_CONCURRENCY_PER_TEAM = "1";
    try {
      const first = await exportCsv("kind=gp-practice&status=all");
      const reader = first.body!.getReader();
      expect((await reader.read()).done).toBe(false);
      expect((await reader.read()).done).toBe(false);
      await reader.cancel();
      const leaving = new AbortController();
      const second = await exportCsv("kind=gp-practice&status=all", leaving.signal);
      expect(second.status).toBe(200);
      await second.body!.getReader().read();
      leaving.abort();
      const status = async () => {
        const response = await exportCsv("kind=icb");
        await response.body?.cancel();
        return response.status;
      };
      await expect.poll(status, { timeout: 2000, interval: 20 }).toBe(200);
      // The connection went back to the pool usable: a whole export runs on it
      expect((await (await exportCsv("kind=icb")).text()).split("\r\n")[0]).toMatch(/^code,name,/);
    } finally {
      delete process.env.EXPORT_CONCURRENCY_PER_TEAM;
    }
  });
});
