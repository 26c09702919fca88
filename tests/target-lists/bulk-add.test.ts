import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { authenticateCookies, type AuthContext } from "@/lib/auth/context";
import { createTargetList } from "@/lib/target-lists";
import { addEntries } from "@/lib/target-lists/entries";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { signedInUser } from "../support/auth";

describe("adding bodies to a target list", () => {
  let t: TestDatabase;
  let ctx: AuthContext;
  let otherTeam: AuthContext;
  beforeAll(async () => {
    t = await createTestDatabase();
    ctx = (await authenticateCookies(t.db, (await signedInUser(t.db, "ann@a.example", "Team A", "analyst")).cookie, null))!;
    otherTeam = (await authenticateCookies(t.db, (await signedInUser(t.db, "bob@b.example", "Team B", "analyst")).cookie, null))!;
  });
  afterAll(() => t.drop());

  it("adds every body matching a filter (over 5,000 practices) in one go, then says which were already there", async () => {
    const list = await createTargetList(t.db, ctx, { name: "All practices" });
    const first = await addEntries(t.db, ctx, { listId: list.id, filter: "kind=gp-practice" });
    expect(first).toEqual({ added: 6202, alreadyOnList: 0, requested: 6202 });
    const again = await addEntries(t.db, ctx, { listId: list.id, filter: "kind=gp-practice&region=Y56" });
    expect(again.added).toBe(0);
    expect(again.alreadyOnList).toBe(again.requested);
    expect(await t.db.targetListEntry.count({ where: { listId: list.id } })).toBe(6202);
  });

  it("is all or nothing: a failure part-way through leaves the list as it was", async () => {
    const list = await createTargetList(t.db, ctx, { name: "Atomic" });
    // A real failure inside the single INSERT: a trigger that refuses one practice half-way down the list
    const [victim] = await t.db.$queryRawUnsafe<{ id: number }[]>(`SELECT id FROM organisation WHERE kind = 'gp-practice' ORDER BY id OFFSET 3000 LIMIT 1`);
    await t.db.$executeRawUnsafe(`
      CREATE FUNCTION refuse_one() RETURNS trigger AS $$
      BEGIN
        IF NEW.organisation_id = ${Number(victim!.id)} THEN
          RAISE EXCEPTION 'refused for the test';
        END IF;
        RETURN NEW;
      END $$ LANGUAGE plpgsql`);
    await t.db.$executeRawUnsafe(`CREATE TRIGGER refuse_one BEFORE INSERT ON target_list_entry FOR EACH ROW EXECUTE FUNCTION refuse_one()`);
    try {
      await expect(addEntries(t.db, ctx, { listId: list.id, filter: "kind=gp-practice" })).rejects.toThrow();
      expect(await t.db.targetListEntry.count({ where: { listId: list.id } })).toBe(0);
      expect(await t.db.auditEvent.count({ where: { target: `target-list:${list.id}`, action: "target-list.entries-added" } })).toBe(0);
    } finally {
      await t.db.$executeRawUnsafe(`DROP TRIGGER refuse_one ON target_list_entry; DROP FUNCTION refuse_one()`);
    }
  });

  it("refuses unknown codes without adding the known ones", async () => {
    const list = await createTargetList(t.db, ctx, { name: "Codes" });
    await expect(addEntries(t.db, ctx, { listId: list.id, codes: ["QYG", "NOTACODE"] })).rejects.toThrow(/NOTACODE/);
    expect(await t.db.targetListEntry.count({ where: { listId: list.id } })).toBe(0);
    expect(await addEntries(t.db, ctx, { listId: list.id, codes: ["QYG", "QHM"] })).toEqual({ added: 2, alreadyOnList: 0, requested: 2 });
  });

  it("does not let another team add to the list", async () => {
    const list = await createTargetList(t.db, ctx, { name: "Private" });
    await expect(addEntries(t.db, otherTeam, { listId: list.id, codes: ["QYG"] })).rejects.toMatchObject({ code: "not-found" });
    expect(await t.db.targetListEntry.count({ where: { listId: list.id } })).toBe(0);
  });
});
