// "From predecessors": a successor's profile shows the team's notes on every body whose succession
// chain leads to it, with the body each was written on; never another team's, never deleted ones.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { authenticateCookies, type AuthContext } from "@/lib/auth/context";
import { createNote, deleteNote, listPredecessorNotes } from "@/lib/notes";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { signedInUser } from "../support/auth";
import { insertSurreyHeathCcg } from "../support/ccg-fixture";
import { countingClient } from "../support/counting-client";

describe("notes from predecessors", () => {
  let t: TestDatabase;
  let ctx: AuthContext, outsider: AuthContext;
  const idOf = async (code: string) => (await t.db.organisation.findUniqueOrThrow({ where: { code }, select: { id: true } })).id;

  beforeAll(async () => {
    t = await createTestDatabase();
    ctx = (await authenticateCookies(t.db, (await signedInUser(t.db, "ann@a.example", "Team A", "analyst")).cookie, null))!;
    outsider = (await authenticateCookies(t.db, (await signedInUser(t.db, "olga@b.example", "Team B", "analyst")).cookie, null))!;
    await insertSurreyHeathCcg(t.db);
  });
  afterAll(() => t.drop());

  it("shows the team's notes on the bodies that merged into this one, each with its body's name", async () => {
    const qhg = await createNote(t.db, ctx, { organisationCode: "QHG", body: "BLMK: EPR business case in March" });
    const que = await createNote(t.db, ctx, { organisationCode: "QUE", body: "C&P: met the CNIO" });
    await createNote(t.db, ctx, { organisationCode: "S1Y5D", body: "On the successor itself" });
    await createNote(t.db, outsider, { organisationCode: "QHG", body: "Team B's note" });
    const gone = await createNote(t.db, ctx, { organisationCode: "QUE", body: "Deleted" });
    await deleteNote(t.db, ctx, gone.id);
    const notes = await listPredecessorNotes(t.db, ctx, await idOf("S1Y5D"));
    expect(notes.map((n) => n.id).sort()).toEqual([qhg.id, que.id].sort());
    expect(notes.find((n) => n.id === que.id)).toMatchObject({ body: "C&P: met the CNIO", author: "ann", organisation: { code: "QUE", name: expect.stringMatching(/Cambridgeshire and Peterborough/) }, created_at: que.createdAt.toISOString() });
    expect(await listPredecessorNotes(t.db, outsider, await idOf("S1Y5D"))).toEqual([expect.objectContaining({ body: "Team B's note" })]);
  });

  it("follows the chain back: a 2021 CCG's note shows on the sub-ICB location its successor split into, in one query", async () => {
    const ccg = await createNote(t.db, ctx, { organisationCode: "10C", body: "Surrey Heath: GP IT contract" });
    const frimley = await createNote(t.db, ctx, { organisationCode: "D4U1Y", body: "Frimley place team" });
    const id = await idOf("U2G6B");
    const calls: string[] = [];
    const notes = await listPredecessorNotes(countingClient(t.db, calls), ctx, id);
    expect(calls).toHaveLength(1);
    expect(notes.map((n) => [n.organisation.code, n.id])).toEqual(expect.arrayContaining([["10C", ccg.id], ["D4U1Y", frimley.id]]));
    expect(await listPredecessorNotes(t.db, ctx, await idOf("10C"))).toEqual([]);
  });
});
