// The team charts against direct counts of the team's own lists, entries and notes, and tenancy:
// another team sees none of it, through the lib functions, the page's loader or the CSV route.
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as dashboardRoute from "@/app/api/v1/dashboard/[chart]/route";
import { loadDashboard } from "@/lib/dashboard";
import { coverageByRegion, notesPerWeek, overdueEntries, pipelineByStage, NOTE_WEEKS } from "@/lib/dashboard/team";
import { explorerHref } from "@/lib/dashboard/params";
import { parseExplorerParams, searchOrganisations } from "@/lib/organisations/explorer";
import { STAGES } from "@/lib/target-lists/entries";
import { authenticateCookies } from "@/lib/auth/context";
import type { AuthContext } from "@/lib/auth/context";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { apiRequest, params, signedInUser, PASSWORD, type TestUser } from "../support/auth";
import { seedTeamWork, type SeededTeam } from "./seed";

const AREA_KINDS = ["icb", "health-board", "local-health-board", "hsc-trust"];
// Prisma's NOT on a nullable column drops NULLs (SQL semantics), so the bodies without a subtype are named
const notAmbulance = { OR: [{ subtype: null }, { NOT: { subtype: { contains: "ambulance", mode: "insensitive" as const } } }] };
const NOW = new Date("2026-11-25T12:00:00Z"); // a Wednesday
const TODAY = "2026-11-25";
const DAY_MS = 86_400_000;

describe("dashboard team aggregates", () => {
  let t: TestDatabase;
  let seeded: SeededTeam;
  let a: AuthContext;
  let annCookie: TestUser;
  let outsider: TestUser;
  let b: AuthContext;

  beforeAll(async () => {
    t = await createTestDatabase();
    t.useAsAppDatabase();
    seeded = await seedTeamWork(t.db, {
      team: "Team A",
      users: [{ email: "ann@a.example", name: "Ann Analyst", password: PASSWORD }, { email: "bob@a.example", name: "Bob Bidder", password: PASSWORD }],
      now: NOW,
    });
    a = seeded.users[0]!.ctx;
    annCookie = await signedInUser(t.db, "ann@a.example", "Team A", "analyst");
    outsider = await signedInUser(t.db, "olga@b.example", "Team B", "owner");
    b = (await authenticateCookies(t.db, outsider.cookie, null))!;
  });
  afterAll(() => t.drop());

  const activeEntries = (teamId: string, listId?: string) => ({ list: { teamId, archivedAt: null, ...(listId ? { id: listId } : {}) } });

  describe("pipeline by stage", () => {
    it("counts the entries and sums the values per stage, as the entry table does, leaving archived lists out", async () => {
      const rows = await pipelineByStage(t.db, a);
      expect(rows.map((r) => r.stage)).toEqual([...STAGES]);
      const direct = await t.db.targetListEntry.groupBy({ by: ["stage"], where: activeEntries(seeded.teamId), _count: { _all: true }, _sum: { estimatedValueGbp: true } });
      for (const r of rows) {
        const d = direct.find((x) => x.stage === r.stage);
        expect(r.count, r.stage).toBe(d?._count._all ?? 0);
        expect(r.valueGbp, r.stage).toBe(Number(d?._sum.estimatedValueGbp ?? 0));
      }
      expect(rows.reduce((s, r) => s + r.count, 0)).toBe(await t.db.targetListEntry.count({ where: activeEntries(seeded.teamId) }));
      expect(rows.reduce((s, r) => s + r.count, 0)).toBe(16); // 11 + 5; the archived list's 2 are not counted
      expect(rows.find((r) => r.stage === "proposal")).toEqual({ stage: "proposal", count: 2, valueGbp: 1_500_000 });
    });

    it("narrows to one list, and each stage's explorer link lists exactly its entries", async () => {
      const rows = await pipelineByStage(t.db, a, seeded.lists.community);
      const direct = await t.db.targetListEntry.groupBy({ by: ["stage"], where: activeEntries(seeded.teamId, seeded.lists.community), _count: { _all: true } });
      for (const d of direct) expect(rows.find((r) => r.stage === d.stage)?.count).toBe(d._count._all);
      for (const r of rows.filter((x) => x.count > 0)) {
        const query = new URL(explorerHref({ list: seeded.lists.community, stage: r.stage, status: "all" }), "http://x").searchParams;
        expect((await searchOrganisations(t.db, { teamId: seeded.teamId }, parseExplorerParams(query), { limit: 1, offset: 0 })).total, r.stage).toBe(r.count);
      }
    });
  });

  describe("coverage", () => {
    it("counts, per region and nation, the area bodies on any active list, as a direct count does", async () => {
      const rows = await coverageByRegion(t.db, a);
      const onList = await t.db.organisation.findMany({
        where: { status: "open", kind: { in: AREA_KINDS }, ...notAmbulance, listEntries: { some: { list: { teamId: seeded.teamId, archivedAt: null } } } },
        select: { nation: true, region: { select: { code: true } } },
      });
      const totals = await t.db.organisation.findMany({
        where: { status: "open", kind: { in: AREA_KINDS }, ...notAmbulance },
        select: { nation: true, region: { select: { code: true } } },
      });
      const key = (o: { nation: string; region: { code: string } | null }) => o.region?.code ?? o.nation;
      expect(rows.map((r) => r.key).sort()).toEqual([...new Set(totals.map(key))].sort());
      for (const r of rows) {
        expect(r.onList, r.label).toBe(onList.filter((o) => key(o) === r.key).length);
        expect(r.total, r.label).toBe(totals.filter((o) => key(o) === r.key).length);
        expect(r.share).toBeCloseTo(r.onList / r.total, 10);
      }
      expect(rows.find((r) => r.key === "Y62")).toMatchObject({ onList: 3, total: 3, share: 1 });
      // Ayrshire and Arran is only on the archived list
      expect(rows.find((r) => r.key === "scotland")).toMatchObject({ onList: 2, total: 14 });
    });

    it("links each region to exactly the bodies it counts as covered", async () => {
      for (const r of (await coverageByRegion(t.db, a)).filter((x) => x.onList > 0)) {
        const query = new URL(explorerHref({ nation: r.nation, kind: AREA_KINDS.join(","), region: r.regionCode ?? undefined, list: "any" }), "http://x").searchParams;
        // Like the chart, the explorer's list=any leaves out archived lists (QSL and Ayrshire are only on one)
        expect((await searchOrganisations(t.db, { teamId: seeded.teamId }, parseExplorerParams(query), { limit: 1, offset: 0 })).total, r.label).toBe(r.onList);
      }
    });

    it("follows the nation and region filters", async () => {
      expect((await coverageByRegion(t.db, a, { region: "Y62" })).map((r) => r.key)).toEqual(["Y62"]);
      expect((await coverageByRegion(t.db, a, { nation: "wales" })).map((r) => [r.key, r.onList])).toEqual([["wales", 2]]);
    });
  });

  describe("notes per week", () => {
    it("counts the last 26 weeks' notes per author and week, as the note table does", async () => {
      const activity = await notesPerWeek(t.db, a, { now: NOW });
      expect(activity.weeks).toHaveLength(NOTE_WEEKS);
      expect(activity.weeks.at(-1)).toBe("2026-11-23"); // Monday of NOW's week
      const from = new Date(Date.parse("2026-11-23T00:00:00Z") - (NOTE_WEEKS - 1) * 7 * DAY_MS);
      const direct = await t.db.note.groupBy({ by: ["authorId"], where: { teamId: seeded.teamId, deletedAt: null, createdAt: { gte: from } }, _count: { _all: true } });
      for (const d of direct) expect(activity.authors.find((x) => x.id === d.authorId)?.total).toBe(d._count._all);
      expect(activity.counts.reduce((s, c) => s + c.count, 0)).toBe(direct.reduce((s, d) => s + d._count._all, 0));
      expect(activity.counts.reduce((s, c) => s + c.count, 0)).toBe(13); // 14 written in the window's span, one 30 weeks ago; the deleted one not counted
      const thisWeek = activity.counts.filter((c) => c.week === "2026-11-23");
      expect(thisWeek.reduce((s, c) => s + c.count, 0)).toBe(3);
      for (const c of activity.counts) expect(activity.weeks).toContain(c.week);
    });
  });

  describe("overdue next steps", () => {
    it("counts open entries whose next-step date has passed, per active list, as a direct count does", async () => {
      const rows = await overdueEntries(t.db, a, { today: TODAY });
      const today = new Date(`${TODAY}T00:00:00Z`);
      for (const listId of [seeded.lists.epr, seeded.lists.community]) {
        const direct = await t.db.targetListEntry.count({ where: { listId, stage: { notIn: ["won", "lost"] }, nextStepDate: { lt: today } } });
        expect(rows.find((r) => r.listId === listId)?.total ?? 0).toBe(direct);
      }
      expect(rows.map((r) => r.listId)).not.toContain(seeded.lists.archived);
      const epr = rows.find((r) => r.listId === seeded.lists.epr)!;
      // QYG 10, QOP 45, QKK 120, Grampian 3, Cardiff 200 days; won and lost entries and today's date are not overdue
      expect(epr).toMatchObject({ total: 5, buckets: { week: 1, month: 1, quarter: 1, older: 2 } });
      expect(epr.oldest[0]).toMatchObject({ code: "7A4", daysOverdue: 200 });
      expect(Object.values(epr.buckets).reduce((x, y) => x + y, 0)).toBe(epr.total);
    });
  });

  describe("tenancy", () => {
    it("shows another team none of team A's pipeline, coverage, notes or overdue entries", async () => {
      expect((await pipelineByStage(t.db, b)).every((r) => r.count === 0 && r.valueGbp === 0)).toBe(true);
      expect((await pipelineByStage(t.db, b, seeded.lists.epr)).every((r) => r.count === 0)).toBe(true);
      expect((await coverageByRegion(t.db, b)).every((r) => r.onList === 0)).toBe(true);
      expect(await notesPerWeek(t.db, b, { now: NOW })).toMatchObject({ authors: [], counts: [] });
      expect(await overdueEntries(t.db, b, { today: TODAY })).toEqual([]);
    });

    it("drops another team's list from the page's filters, and shows the new team how to start", async () => {
      const data = await loadDashboard(t.db, b, { list: seeded.lists.epr });
      expect(data.filters.list).toBeUndefined();
      expect(data.problems.join(" ")).toMatch(/target list was not found/);
      expect(data.options.lists).toEqual([]);
      expect(data.team).toMatchObject({ pipeline: null, coverage: null, overdue: null, notes: { counts: [] } });
      const mine = await loadDashboard(t.db, a, { list: seeded.lists.epr });
      expect(mine.filters.list).toBe(seeded.lists.epr);
      expect(mine.options.lists.map((l) => l.name).sort()).toEqual(["Community services", "EPR replacement 2027"]);
    });

    it("answers 404 to a CSV of another team's list, and gives each team only its own figures", async () => {
      const theirs = await dashboardRoute.GET(apiRequest(`/api/v1/dashboard/pipeline?list=${seeded.lists.epr}`, { cookie: outsider.cookie }), params({ chart: "pipeline" }));
      expect(theirs.status).toBe(404);
      const mineResponse = await dashboardRoute.GET(apiRequest(`/api/v1/dashboard/pipeline?list=${seeded.lists.epr}`, { cookie: annCookie.cookie }), params({ chart: "pipeline" }));
      expect(mineResponse.status).toBe(200);
      const mine = parse(await mineResponse.text(), { columns: true }) as Record<string, string>[];
      expect(mine.reduce((s, r) => s + Number(r.entries), 0)).toBe(11);
      for (const chart of ["pipeline", "coverage", "notes-activity", "overdue"]) {
        const response = await dashboardRoute.GET(apiRequest(`/api/v1/dashboard/${chart}`, { cookie: outsider.cookie }), params({ chart }));
        expect(response.status, chart).toBe(200);
        const rows = parse(await response.text(), { columns: true }) as Record<string, string>[];
        for (const row of rows) {
          for (const column of ["entries", "on_a_list", "notes", "overdue_entries"]) if (column in row) expect(Number(row[column]), `${chart} ${column}`).toBe(0);
        }
        if (chart === "notes-activity" || chart === "overdue") expect(rows, chart).toEqual([]);
      }
    });
  });

  describe("the CSV route", () => {
    it("refuses anonymous requests, unknown charts, unknown parameters and bad values", async () => {
      expect((await dashboardRoute.GET(apiRequest("/api/v1/dashboard/pipeline"), params({ chart: "pipeline" }))).status).toBe(401);
      expect((await dashboardRoute.GET(apiRequest("/api/v1/dashboard/secrets", { cookie: annCookie.cookie }), params({ chart: "secrets" }))).status).toBe(404);
      expect((await dashboardRoute.GET(apiRequest("/api/v1/dashboard/coverage?team=x", { cookie: annCookie.cookie }), params({ chart: "coverage" }))).status).toBe(400);
      expect((await dashboardRoute.GET(apiRequest("/api/v1/dashboard/coverage?nation=atlantis", { cookie: annCookie.cookie }), params({ chart: "coverage" }))).status).toBe(400);
      expect((await dashboardRoute.GET(apiRequest("/api/v1/dashboard/pcn-sizes?region=Y99", { cookie: annCookie.cookie }), params({ chart: "pcn-sizes" }))).status).toBe(400);
    });

    it("downloads the population chart's figures, whose sum is the organisation table's", async () => {
      const response = await dashboardRoute.GET(apiRequest("/api/v1/dashboard/population-allocation?nation=england&bom=1", { cookie: annCookie.cookie }), params({ chart: "population-allocation" }));
      expect(response.status).toBe(200);
      expect(response.headers.get("content-type")).toMatch(/text\/csv/);
      expect(response.headers.get("content-disposition")).toMatch(/commissioning-atlas_population-and-allocation-england_/);
      const rows = parse(await response.text(), { columns: true, bom: true }) as Record<string, string>[];
      const direct = await t.db.organisation.aggregate({ where: { kind: "icb", status: "open" }, _sum: { population: true }, _count: { _all: true } });
      expect(rows).toHaveLength(direct._count._all);
      expect(rows.reduce((s, r) => s + Number(r.population || 0), 0)).toBe(direct._sum.population);
      expect(rows.find((r) => r.code === "S0E4D")?.population).toBe("");
    });

    it("downloads the PCN and who-commissions-what figures", async () => {
      const pcn = parse(await (await dashboardRoute.GET(apiRequest("/api/v1/dashboard/pcn-sizes?icb=QYG", { cookie: annCookie.cookie }), params({ chart: "pcn-sizes" }))).text(), { columns: true }) as Record<string, string>[];
      // Both measures, each counting every PCN that has its figure: member practices, and registered patients (April 2026)
      expect(new Set(pcn.map((r) => r.measure))).toEqual(new Set(["registered_patients", "member_practices"]));
      const pcnsOf = (measure: string) => pcn.filter((r) => r.measure === measure).reduce((s, r) => s + Number(r.pcns), 0);
      const inQyg = { kind: "pcn", status: "open", parent: { parent: { code: "QYG" } } };
      expect(pcnsOf("member_practices")).toBe(await t.db.organisation.count({ where: inQyg }));
      expect(pcnsOf("registered_patients")).toBe(await t.db.organisation.count({ where: { ...inQyg, registeredPatients: { not: null } } }));
      const who = parse(await (await dashboardRoute.GET(apiRequest("/api/v1/dashboard/who-commissions?nation=scotland", { cookie: annCookie.cookie }), params({ chart: "who-commissions" }))).text(), { columns: true }) as Record<string, string>[];
      expect(new Set(who.map((r) => r.nation))).toEqual(new Set(["scotland"]));
    });
  });
});
