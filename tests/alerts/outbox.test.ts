// The outbox the detection job reads: each trigger writes its row in the same transaction as the
// data, so an aborted import leaves nothing and a committed one is never missed.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { createBoss, QUEUES } from "../../lib/jobs/boss";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => t.drop());

const outbox = async (source: string) =>
  (await t.db.$queryRawUnsafe<{ ref: string }[]>(`SELECT ref FROM alert_source WHERE source = $1 ORDER BY id`, source)).map((r) => r.ref);

describe("the alerts outbox", () => {
  it("holds a row for each release, reshaped notice, change and import of the template's data", async () => {
    const [releases, processes, changes, imports] = await Promise.all([
      t.db.procurementRelease.count(),
      t.db.procurementProcess.count({ where: { origin: "reshaped" } }),
      t.db.changeEvent.count(),
      t.db.dataImport.count(),
    ]);
    expect(releases).toBeGreaterThan(0);
    expect((await outbox("release")).length).toBe(releases);
    expect((await outbox("process")).length).toBe(processes);
    expect((await outbox("change")).length).toBe(changes);
    expect((await outbox("import")).length).toBe(imports);
  });

  it("records a note when it is written and when its text changes, not when it is pinned", async () => {
    const user = await t.db.user.create({ data: { email: "outbox@example.test", name: "Outbox", passwordHash: "x" } });
    const team = await t.db.team.create({ data: { name: "Outbox team" } });
    const note = await t.db.note.create({ data: { teamId: team.id, organisationCode: "QYG", body: "first", authorId: user.id } });
    await t.db.note.update({ where: { id: note.id }, data: { pinned: true } });
    await t.db.note.update({ where: { id: note.id }, data: { body: "second", version: 2 } });
    expect(await outbox("note")).toEqual([`${note.id}:1`, `${note.id}:2`]);
  });

  it("writes nothing for a transaction that rolls back", async () => {
    const before = (await outbox("change")).length;
    await expect(
      t.db.$transaction(async (tx) => {
        await tx.changeEvent.create({ data: { effectiveDate: new Date("2026-12-01"), type: "renamed", codes: ["QYG"], nations: ["england"], kinds: ["icb"], summary: "test", source: "test" } });
        throw new Error("abort");
      }),
    ).rejects.toThrow("abort");
    expect((await outbox("change")).length).toBe(before);
  });

  it("has every queue installed in the template", async () => {
    const boss = createBoss(t.url, { worker: false });
    await boss.start();
    try {
      const names = (await boss.getQueues()).map((q) => q.name);
      expect(names).toEqual(expect.arrayContaining(Object.values(QUEUES)));
    } finally {
      await boss.stop({ graceful: false, wait: true });
    }
  });
});
