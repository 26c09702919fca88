// list=any pages come from team_list_member, a copy its triggers keep in step with the lists; these
// tests hold its pages to the question it answers: the bodies with an entry on one of the team's
// active lists (at the stage asked), as the explorer's EXISTS over target_list_entry finds them, in
// the same order, with the same totals, after every kind of change to the lists and the bodies.
// A misspelt search, whose code clause is now left out, still ranks the real bodies as before.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseExplorerParams, searchOrganisations, SEARCH_THRESHOLD_SQL } from "@/lib/organisations/explorer";
import { queryRows, queryRowsWithSettings } from "@/lib/db/query";
import { raw, sql } from "@/lib/db/sql";
import { kindIn, PLANNING_TIER_KINDS } from "@/lib/organisations/vocabulary";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { signedInUser, type TestUser } from "../support/auth";

describe("explorer: list=any from the team's list members; misspelt names", () => {
  let t: TestDatabase;
  let ann: TestUser;
  let rival: TestUser;
  const lists: Record<string, string> = {};

  const search = (user: TestUser, query: string, page = { limit: 500, offset: 0 }) => searchOrganisations(t.db, { teamId: user.teamId }, parseExplorerParams(new URLSearchParams(query)), page);

  /** The explorer's list=any before team_list_member: bodies with an entry on an active list of the team. */
  const reference = async (user: TestUser, options: { stage?: string; kind?: string; order?: string } = {}) =>
    (
      await queryRows<{ code: string }>(
        t.db,
        sql`SELECT o.code FROM organisation o
          WHERE o.status = 'open' ${options.kind ? sql`AND o.kind = ${options.kind}` : sql``}
            AND EXISTS (SELECT 1 FROM target_list_entry e JOIN target_list l ON l.id = e.list_id
              WHERE e.organisation_id = o.id AND l.team_id = ${user.teamId} AND l.archived_at IS NULL ${options.stage ? sql`AND e.stage = ${options.stage}` : sql``})
          ${raw(options.order ?? "ORDER BY o.name ASC, o.id ASC")}`,
      )
    ).map((r) => r.code);

  /** Every page of `query` at `limit` a page, checking each page's total. */
  async function allPages(user: TestUser, query: string, limit: number) {
    const codes: string[] = [];
    for (let offset = 0; ; ) {
      const page = await search(user, query, { limit, offset });
      codes.push(...page.rows.map((r) => r.code));
      expect(page.totalExact).toBe(true);
      expect(page.total).toBe((await search(user, query)).rows.length);
      if (page.nextOffset === null) return codes;
      offset = page.nextOffset;
    }
  }

  async function addEntries(list: string, codes: string[], stage = "identified") {
    const bodies = await t.db.organisation.findMany({ where: { code: { in: codes } }, select: { id: true } });
    await t.db.targetListEntry.createMany({ data: bodies.map((b) => ({ listId: lists[list]!, organisationId: b.id, addedById: ann.userId, stage })) });
  }

  beforeAll(async () => {
    t = await createTestDatabase();
    t.useAsAppDatabase();
    ann = await signedInUser(t.db, "ann@lists.example", "Team A", "analyst");
    rival = await signedInUser(t.db, "rita@lists.example", "Team B", "analyst");
    for (const [name, user] of [["icbs", ann], ["trusts", ann], ["theirs", rival]] as const) {
      lists[name] = (await t.db.targetList.create({ data: { teamId: user.teamId, name, createdById: user.userId } })).id;
    }
    // Real bodies; QYG and QHM are on both of ann's lists, at different stages
    const icbs = (await t.db.organisation.findMany({ where: { kind: "icb", status: "open" }, select: { code: true }, orderBy: { code: "asc" } })).map((o) => o.code);
    const trusts = (await t.db.organisation.findMany({ where: { kind: "nhs-trust", status: "open" }, select: { code: true }, orderBy: { code: "asc" }, take: 40 })).map((o) => o.code);
    await addEntries("icbs", icbs);
    await addEntries("trusts", [...trusts, "QYG", "QHM"], "engaged");
    await addEntries("theirs", ["QYG", "RRK"]);
  });
  afterAll(() => t.drop());

  it("pages list=any across the team's lists in name order, each body once, with exact totals, as the entries say", async () => {
    const expected = await reference(ann);
    expect(expected.length).toBeGreaterThan(60);
    expect(await allPages(ann, "list=any", 7)).toEqual(expected);
    expect((await search(ann, "list=any")).total).toBe(expected.length);
    expect(await allPages(rival, "list=any", 1)).toEqual(await reference(rival));
  });

  it("gives the same bodies and order for a stage, a kind and every sort", async () => {
    expect((await search(ann, "list=any&stage=engaged")).rows.map((r) => r.code)).toEqual(await reference(ann, { stage: "engaged" }));
    expect((await search(ann, "list=any&stage=identified")).rows.map((r) => r.code)).toEqual(await reference(ann, { stage: "identified" }));
    expect((await search(ann, "list=any&kind=icb")).rows.map((r) => r.code)).toEqual(await reference(ann, { kind: "icb" }));
    expect(await allPages(ann, "list=any&sort=-population", 9)).toEqual(await reference(ann, { order: "ORDER BY o.population DESC NULLS LAST, o.id ASC" }));
    expect((await search(ann, "list=any&sort=kind")).rows.map((r) => r.code)).toEqual(await reference(ann, { order: "ORDER BY o.kind ASC, o.name ASC, o.id ASC" }));
    expect((await search(ann, "list=any&sort=-code")).rows.map((r) => r.code)).toEqual(await reference(ann, { order: "ORDER BY o.code DESC, o.id ASC" }));
  });

  it("follows entries removed, moved and restaged, lists archived, restored and deleted, and bodies renamed or closed", async () => {
    const same = async () => {
      expect((await search(ann, "list=any")).rows.map((r) => r.code)).toEqual(await reference(ann));
      expect((await search(ann, "list=any&stage=engaged")).rows.map((r) => r.code)).toEqual(await reference(ann, { stage: "engaged" }));
    };
    const qyg = await t.db.organisation.findUniqueOrThrow({ where: { code: "QYG" }, select: { id: true, name: true } });
    // Off one list it stays (the other has it); off both it goes
    await t.db.targetListEntry.deleteMany({ where: { listId: lists.trusts!, organisationId: qyg.id } });
    await same();
    expect((await search(ann, "list=any&stage=engaged")).rows.map((r) => r.code)).not.toContain("QYG");
    await t.db.targetListEntry.deleteMany({ where: { listId: lists.icbs!, organisationId: qyg.id } });
    await same();
    expect((await search(ann, "list=any")).rows.map((r) => r.code)).not.toContain("QYG");
    expect((await search(rival, "list=any")).rows.map((r) => r.code)).toContain("QYG");
    // Restaged, and moved to the other list
    const qhm = await t.db.organisation.findUniqueOrThrow({ where: { code: "QHM" }, select: { id: true } });
    await t.db.targetListEntry.updateMany({ where: { listId: lists.icbs!, organisationId: qhm.id }, data: { stage: "won" } });
    await same();
    expect((await search(ann, "list=any&stage=won")).rows.map((r) => r.code)).toEqual(["QHM"]);
    await t.db.targetListEntry.deleteMany({ where: { listId: lists.trusts!, organisationId: qhm.id } });
    await t.db.targetListEntry.updateMany({ where: { listId: lists.icbs!, organisationId: qhm.id }, data: { listId: lists.trusts! } });
    await same();
    // Archived, restored, deleted
    await t.db.targetList.update({ where: { id: lists.trusts! }, data: { archivedAt: new Date() } });
    await same();
    expect((await search(ann, "list=any&stage=engaged")).rows).toEqual([]);
    await t.db.targetList.update({ where: { id: lists.trusts! }, data: { archivedAt: null } });
    await same();
    // A body renamed sorts under its new name; one closed leaves the default (open) page
    const [first] = (await search(ann, "list=any", { limit: 1, offset: 0 })).rows;
    await t.db.organisation.update({ where: { code: first!.code }, data: { name: "ZZZ renamed for the test" } });
    await same();
    expect((await search(ann, "list=any")).rows.at(-1)?.code).toBe(first!.code);
    await t.db.organisation.update({ where: { code: first!.code }, data: { status: "closed" } });
    await same();
    expect((await search(ann, "list=any&status=closed")).rows.map((r) => r.code)).toEqual([first!.code]);
    await t.db.targetList.delete({ where: { id: lists.trusts! } });
    await same();
    expect(await t.db.teamListMember.count({ where: { teamId: ann.teamId } })).toBe((await search(ann, "list=any&status=all")).total);
  });

  // The bench's misspelt inputs, on the real data: the same ranking with the code clause as without it
  it.each(["chesire mersyside", "birmingam solihul", "leeds teaching hospitls", "nottingam city", "hampshire isle of wight", "lancashire soth cumbria"])("ranks %j as before", async (q) => {
    const found = await search(ann, `q=${encodeURIComponent(q)}`, { limit: 10, offset: 0 });
    const words = q.split(" ").filter((w) => w.length >= 3 && !["and", "the", "for"].includes(w));
    const similarity = words.map((w) => sql`word_similarity(${w}, o.search_text)`).reduce((a, b) => sql`${a} + ${b}`);
    const match = words.map((w) => (w.length <= 3 ? sql`o.search_text LIKE ${`%${w}%`}` : sql`${w} <% o.search_text`)).reduce((a, b) => sql`${a} AND ${b}`);
    const rank = sql`((o.code = ${q.toUpperCase()})::int * 100 + (o.status = 'open')::int * 10 + (${similarity}) + (${kindIn("o.kind", PLANNING_TIER_KINDS)})::int * 0.5)`;
    const before = await queryRowsWithSettings<{ code: string; total: number }>(
      t.db,
      [SEARCH_THRESHOLD_SQL],
      sql`SELECT o.code, count(*) OVER ()::int AS total FROM organisation o WHERE (o.code = ${q.toUpperCase()} OR (${match})) ORDER BY ${rank} DESC, o.name ASC, o.id ASC LIMIT 10`,
    );
    // "lancashire soth cumbria" finds nothing on the real data, before as after ("soth" is too far from "south")
    expect(found.rows.map((r) => r.code)).toEqual(before.map((r) => r.code));
    expect(found.total).toBe(before[0]?.total ?? 0);
  });
});
