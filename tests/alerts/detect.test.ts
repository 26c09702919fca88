// Detection and fan-out on real PostgreSQL: the template's real bodies and shipped procurement
// sample, releases imported through the app's own importer, the outbox consumed by runDetection.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { createPrismaClient } from "../../lib/db/client";
import { createBoss, QUEUES } from "../../lib/jobs/boss";
import { runDetection, scanDates } from "../../lib/alerts/detect";
import { kickDetectionSoon } from "../../lib/alerts/kick";
import { startWorker } from "../../lib/jobs/worker";
import { stopJobSender } from "../../lib/jobs/boss";
import { mentionedEmails } from "../../lib/alerts/mentions";
import { webhookEventPayload } from "../../lib/alerts/webhooks";
import { importPaths } from "../../lib/procurement/import";
import type PgBoss from "pg-boss";

let t: TestDatabase;
let boss: PgBoss;
const users: Record<string, string> = {};
let teamA: string;
let teamB: string;
let kettering: { id: number; code: string };
let northants: { id: number; code: string };
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "atlas-detect-"));

// A real Contracts Finder award of Kettering General Hospital NHS Foundation Trust (RNQ, whose parent
// is NHS Northamptonshire ICB, QPM), from data/procurement. Each test release reshapes it: a new
// ocid and release id, a tender tag, so the importer takes it as a new notice of the same buyer.
const REAL_RELEASE = "data/procurement/ocds/contracts-finder/1023ab58-b2f8-4cf9-bfca-663af1ae1823-832944.json";
let releaseCount = 0;
async function importTestRelease(changes: { endDate?: string } = {}): Promise<{ processId: number; ocid: string }> {
  const release = JSON.parse(fs.readFileSync(REAL_RELEASE, "utf8"));
  releaseCount++;
  release.ocid = `ocds-b5fd17-atlas-test-${releaseCount}`;
  release.id = `atlas-test-${releaseCount}`;
  release.tag = ["tender"];
  release.date = new Date().toISOString();
  release.tender.title = `Test tender ${releaseCount}: patient monitoring`;
  delete release.awards;
  if (changes.endDate) release.tender.contractPeriod = { startDate: "2026-01-01T00:00:00Z", endDate: changes.endDate };
  const dir = path.join(tmp, String(releaseCount));
  fs.mkdirSync(dir);
  fs.writeFileSync(path.join(dir, "release.json"), JSON.stringify(release));
  await importPaths(t.db, [dir]);
  const process = await t.db.procurementProcess.findUniqueOrThrow({ where: { ocid: release.ocid }, select: { id: true, buyerCode: true } });
  expect(process.buyerCode).toBe("RNQ");
  return { processId: process.id, ocid: release.ocid };
}

const notificationsOf = (key: string) =>
  t.db.$queryRawUnsafe<{ user_id: string; email: string; read_at: Date | null; id: bigint }[]>(
    `SELECT n.user_id, n.email, n.read_at, n.id FROM notification n JOIN alert_event e ON e.id = n.event_id WHERE e.key = $1 ORDER BY n.user_id`,
    key,
  );
const recipients = async (key: string) => (await notificationsOf(key)).map((n) => n.user_id).sort();
const jobsOf = async (queue: string, field: string, value: string) =>
  Number((await t.db.$queryRawUnsafe<{ n: bigint }[]>(`SELECT count(*) AS n FROM pgboss.job WHERE name = $1 AND data->>'${field}' = $2`, queue, value))[0]!.n);
const sorted = (...names: string[]) => names.map((n) => users[n]!).sort();

async function member(name: string, teamId: string) {
  const user = await t.db.user.create({ data: { email: `${name}@detect.example.test`, name, passwordHash: "x" } });
  await t.db.membership.create({ data: { userId: user.id, teamId, role: "analyst" } });
  users[name] = user.id;
}

beforeAll(async () => {
  t = await createTestDatabase();
  boss = createBoss(t.url, { worker: false });
  await boss.start();
  // The template's outbox holds the whole sample: told to nobody (no follows yet), and gone
  const drained = await runDetection(t.db, { boss });
  expect(drained.sources).toBeGreaterThan(0);
  expect(drained.events).toBe(0);
  expect(await t.db.alertSource.count()).toBe(0);

  teamA = (await t.db.team.create({ data: { name: "Sales A" } })).id;
  teamB = (await t.db.team.create({ data: { name: "Sales B" } })).id;
  for (const name of ["alice", "bob", "carol"]) await member(name, teamA);
  await member("dave", teamB);
  kettering = await t.db.organisation.findUniqueOrThrow({ where: { code: "RNQ" }, select: { id: true, code: true } });
  northants = await t.db.organisation.findUniqueOrThrow({ where: { code: "QPM" }, select: { id: true, code: true } });
  const parent = await t.db.organisation.findUniqueOrThrow({ where: { id: kettering.id }, select: { parentId: true } });
  expect(parent.parentId).toBe(northants.id);

  // alice follows the ICB with everything below it, bob the trust itself, and team A's watchlist the ICB with descendants
  await t.db.follow.create({ data: { teamId: teamA, userId: users.alice!, target: "organisation", organisationId: northants.id, descendants: true, createdById: users.alice! } });
  await t.db.follow.create({ data: { teamId: teamA, userId: users.bob!, target: "organisation", organisationId: kettering.id, createdById: users.bob! } });
  await t.db.follow.create({ data: { teamId: teamA, userId: null, target: "organisation", organisationId: northants.id, descendants: true, createdById: users.alice! } });
  // dave (team B) follows the ICB without descendants: a trust's notice is not his
  await t.db.follow.create({ data: { teamId: teamB, userId: users.dave!, target: "organisation", organisationId: northants.id, createdById: users.dave! } });
  // carol wants new notices at once by email; team A has a webhook for notices, team B one too
  await t.db.notificationPreference.create({ data: { userId: users.carol!, kind: "notice.published", inApp: true, email: "instant" } });
  for (const [teamId, by] of [[teamA, users.alice!], [teamB, users.dave!]] as const) {
    await t.db.webhookEndpoint.create({ data: { teamId, url: "http://127.0.0.1:9/hook", events: ["notice.published"], secretSealed: "sealed", createdById: by } });
  }
});

afterAll(async () => {
  await stopJobSender();
  await boss?.stop({ graceful: false, wait: true });
  await t?.drop();
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe("notice.published", () => {
  it("tells each follower of a trust below a followed ICB once, the watchlist's members too, and another team nothing", async () => {
    const { processId } = await importTestRelease();
    const release = await t.db.procurementRelease.findFirstOrThrow({ where: { releaseId: `atlas-test-${releaseCount}` }, select: { id: true } });
    const report = await runDetection(t.db, { boss });
    const key = `release:${release.id}`;
    expect(await recipients(key)).toEqual(sorted("alice", "bob", "carol"));
    expect(await t.db.notification.count({ where: { userId: users.dave! } })).toBe(0);
    expect(await t.db.alertEvent.count({ where: { teamId: teamB } })).toBe(0);

    const event = await t.db.alertEvent.findFirstOrThrow({ where: { teamId: teamA, key } });
    expect(event).toMatchObject({ kind: "notice.published", organisationCode: "RNQ", link: `/contracts/${processId}`, source: `Contracts Finder OCDS release atlas-test-${releaseCount}` });
    expect(event.title).toBe(`Tender: Test tender ${releaseCount}: patient monitoring`);
    // One instant-email job for carol (the only instant subscriber), daily for the others
    const told = await notificationsOf(key);
    expect(told.map((n) => n.email).sort()).toEqual(["daily", "daily", "instant"]);
    const carols = told.find((n) => n.user_id === users.carol)!;
    expect(await jobsOf(QUEUES.emailInstant, "notificationId", String(carols.id))).toBe(1);
    // One webhook delivery, team A's, with its job and the payload the webhook will POST
    const deliveries = await t.db.webhookDelivery.findMany({ where: { eventId: event.id } });
    expect(deliveries).toHaveLength(1);
    expect(deliveries[0]!.teamId).toBe(teamA);
    expect(deliveries[0]!.payload).toMatchObject({ event: "notice.published", team: { id: teamA }, organisation: { code: "RNQ" }, link: expect.stringMatching(new RegExp(`/contracts/${processId}$`)), data: { notice: { id: processId } } });
    // The body the SQL fan-out stores is the one webhookEventPayload builds (the README's shape)
    const team = await t.db.team.findUniqueOrThrow({ where: { id: teamA }, select: { id: true, name: true } });
    const body = await t.db.organisation.findUniqueOrThrow({ where: { code: "RNQ" }, select: { code: true, name: true } });
    expect(deliveries[0]!.payload).toEqual(webhookEventPayload(event, team, body));
    expect(await jobsOf(QUEUES.webhook, "deliveryId", String(deliveries[0]!.id))).toBe(1);
    expect(report).toMatchObject({ events: 1, notifications: 3, emails: 1, webhooks: 1 });

    // Running again tells nobody anything new
    expect(await runDetection(t.db, { boss })).toMatchObject({ events: 0, notifications: 0 });
  });

  it("two workers racing on the same outbox tell each follower once and enqueue each job once", async () => {
    const other = createPrismaClient(t.url);
    const otherBoss = createBoss(t.url, { worker: false });
    await otherBoss.start();
    try {
      const imported = [await importTestRelease(), await importTestRelease(), await importTestRelease()];
      const reports = await Promise.all([runDetection(t.db, { boss, batchSize: 1 }), runDetection(other, { boss: otherBoss, batchSize: 1 })]);
      expect(reports[0].events + reports[1].events).toBe(3);
      for (const { ocid } of imported) {
        const release = await t.db.procurementRelease.findFirstOrThrow({ where: { ocid }, select: { id: true } });
        const told = await notificationsOf(`release:${release.id}`);
        expect(told.map((n) => n.user_id).sort()).toEqual(sorted("alice", "bob", "carol"));
        expect(await jobsOf(QUEUES.emailInstant, "notificationId", String(told.find((n) => n.user_id === users.carol)!.id))).toBe(1);
      }
    } finally {
      await otherBoss.stop({ graceful: false, wait: true });
      await other.$disconnect();
    }
  });

  it("a removed member receives nothing from the next run", async () => {
    await t.db.membership.delete({ where: { userId_teamId: { userId: users.bob!, teamId: teamA } } });
    await importTestRelease();
    const release = await t.db.procurementRelease.findFirstOrThrow({ where: { releaseId: `atlas-test-${releaseCount}` }, select: { id: true } });
    await runDetection(t.db, { boss });
    expect(await recipients(`release:${release.id}`)).toEqual(sorted("alice", "carol"));
    await t.db.membership.create({ data: { userId: users.bob!, teamId: teamA, role: "analyst" } });
  });

  it("a followed contracts view is told of the new notices its filter matches", async () => {
    const view = await t.db.savedView.create({ data: { teamId: teamB, name: "Kettering", page: "contracts", query: "buyer=RNQ", createdById: users.dave! } });
    await t.db.follow.create({ data: { teamId: teamB, userId: users.dave!, target: "view", viewId: view.id, createdById: users.dave! } });
    await importTestRelease();
    const release = await t.db.procurementRelease.findFirstOrThrow({ where: { releaseId: `atlas-test-${releaseCount}` }, select: { id: true } });
    await runDetection(t.db, { boss });
    const key = `release:${release.id}`;
    expect(await recipients(key)).toEqual([...sorted("alice", "bob", "carol"), users.dave!].sort());
    expect((await t.db.alertEvent.findFirstOrThrow({ where: { teamId: teamB, key } })).kind).toBe("notice.published");
    // A filter the notice does not meet: nothing
    await t.db.savedView.update({ where: { id: view.id }, data: { query: "buyer=RNQ&nation=scotland" } });
    await importTestRelease();
    const next = await t.db.procurementRelease.findFirstOrThrow({ where: { releaseId: `atlas-test-${releaseCount}` }, select: { id: true } });
    await runDetection(t.db, { boss });
    expect(await t.db.alertEvent.count({ where: { teamId: teamB, key: `release:${next.id}` } })).toBe(0);
  });
});

describe("contract.ending", () => {
  it("fires each threshold once, the smallest one reached, and catches up after a pause", async () => {
    const { processId } = await importTestRelease({ endDate: "2028-03-31T23:59:59Z" });
    await runDetection(t.db, { boss });
    const keys = async () =>
      (await t.db.alertEvent.findMany({ where: { teamId: teamA, key: { startsWith: `contract:${processId}:` } }, select: { key: true }, orderBy: { id: "asc" } })).map((e) => e.key);
    await scanDates(t.db, "2027-03-01", { boss });
    expect(await keys()).toEqual([]);
    await scanDates(t.db, "2027-04-15", { boss });
    await scanDates(t.db, "2027-04-16", { boss });
    expect(await keys()).toEqual([`contract:${processId}:12`]);
    expect(await recipients(`contract:${processId}:12`)).toEqual(sorted("alice", "bob", "carol"));
    // A worker stopped from April to January: the 6-month mark passed unseen, the 3-month one fires
    await scanDates(t.db, "2028-01-10", { boss });
    await scanDates(t.db, "2028-02-01", { boss });
    expect(await keys()).toEqual([`contract:${processId}:12`, `contract:${processId}:3`]);
    await scanDates(t.db, "2028-04-01", { boss });
    expect(await keys()).toHaveLength(2);
    expect(await t.db.alertEvent.count({ where: { teamId: teamB, key: { startsWith: `contract:${processId}:` } } })).toBe(0);
  });
});

describe("entry.due", () => {
  it("tells the entry's owner, once per date, while they are a member", async () => {
    const list = await t.db.targetList.create({ data: { teamId: teamA, name: "Due list", createdById: users.alice! } });
    const entry = await t.db.targetListEntry.create({ data: { listId: list.id, organisationId: kettering.id, addedById: users.alice!, ownerId: users.bob!, nextStep: "Call the CIO", nextStepDate: new Date("2026-11-30") } });
    await scanDates(t.db, "2026-11-29", { boss });
    expect(await t.db.alertEvent.count({ where: { key: { startsWith: `entry:${entry.id}` } } })).toBe(0);
    await scanDates(t.db, "2026-11-30", { boss });
    await scanDates(t.db, "2026-12-01", { boss });
    expect(await recipients(`entry:${entry.id}:2026-11-30`)).toEqual([users.bob!]);
    // A new date is news again, but not for an owner who left the team
    await t.db.targetListEntry.update({ where: { id: entry.id }, data: { nextStepDate: new Date("2026-12-05") } });
    await t.db.membership.delete({ where: { userId_teamId: { userId: users.bob!, teamId: teamA } } });
    await scanDates(t.db, "2026-12-06", { boss });
    expect(await t.db.alertEvent.count({ where: { key: `entry:${entry.id}:2026-12-05` } })).toBe(0);
    await t.db.membership.create({ data: { userId: users.bob!, teamId: teamA, role: "analyst" } });
  });
});

describe("note.mentioned", () => {
  it("parses @email mentions", () => {
    expect(mentionedEmails("Ask @Bob@Detect.example.test. And @carol@detect.example.test, not jo@x.org or @nobody")).toEqual(["bob@detect.example.test", "carol@detect.example.test"]);
  });

  it("tells a mentioned teammate once, even after an edit, never the author or another team's member", async () => {
    const body = "Met the CIO. @bob@detect.example.test please follow up; cc @ALICE@detect.example.test @dave@detect.example.test";
    const note = await t.db.note.create({ data: { teamId: teamA, organisationCode: "RNQ", body, authorId: users.alice! } });
    await runDetection(t.db, { boss });
    const mentions = await t.db.alertEvent.findMany({ where: { key: { startsWith: `note:${note.id}:` } } });
    expect(mentions.map((m) => m.key)).toEqual([`note:${note.id}:${users.bob}`]);
    expect(mentions[0]).toMatchObject({ teamId: teamA, kind: "note.mentioned", link: "/organisations/RNQ#notes" });
    expect(await recipients(`note:${note.id}:${users.bob}`)).toEqual([users.bob!]);
    // The edit adds carol; bob is not told again
    await t.db.note.update({ where: { id: note.id }, data: { body: `${body} and @carol@detect.example.test`, version: 2 } });
    await runDetection(t.db, { boss });
    expect(await t.db.notification.count({ where: { event: { key: { startsWith: `note:${note.id}:` } } } })).toBe(2);
    expect(await recipients(`note:${note.id}:${users.carol}`)).toEqual([users.carol!]);
  });
});

describe("structure.changed", () => {
  it("tells a list's follower of a change to a body on the list, and ignores a figures change", async () => {
    // A real body on carol's followed list (not otherwise followed by anyone)
    const body = await t.db.organisation.findFirstOrThrow({ where: { kind: "nhs-trust", code: { not: "RNQ" }, parentId: { not: northants.id } }, select: { id: true, code: true, name: true } });
    const list = await t.db.targetList.create({ data: { teamId: teamA, name: "Watched trusts", createdById: users.carol! } });
    await t.db.targetListEntry.create({ data: { listId: list.id, organisationId: body.id, addedById: users.carol! } });
    await t.db.follow.create({ data: { teamId: teamA, userId: users.carol!, target: "list", listId: list.id, createdById: users.carol! } });
    const renamed = await t.db.changeEvent.create({ data: { effectiveDate: new Date("2026-12-01"), type: "renamed", codes: [body.code], nations: ["england"], kinds: ["nhs-trust"], summary: `${body.name} renamed`, source: "NHS ODS (test)" } });
    const figures = await t.db.changeEvent.create({ data: { effectiveDate: new Date("2026-12-01"), type: "figures", codes: [body.code], nations: ["england"], kinds: ["nhs-trust"], summary: "figures", source: "NHS ODS (test)" } });
    await runDetection(t.db, { boss });
    expect(await recipients(`change:${renamed.id}`)).toEqual([users.carol!]);
    expect(await t.db.alertEvent.findFirstOrThrow({ where: { key: `change:${renamed.id}` } })).toMatchObject({ kind: "structure.changed", organisationCode: body.code, link: `/organisations/${body.code}`, source: "NHS ODS (test)" });
    expect(await t.db.alertEvent.count({ where: { key: `change:${figures.id}` } })).toBe(0);
  });
});

describe("view.matched", () => {
  it("records a baseline silently, then tells of the bodies newly matching after an import", async () => {
    const view = await t.db.savedView.create({ data: { teamId: teamA, name: "Northants trusts", page: "explorer", query: "kind=nhs-trust&parent=QPM", createdById: users.alice! } });
    const follow = await t.db.follow.create({ data: { teamId: teamA, userId: users.alice!, target: "view", viewId: view.id, createdById: users.alice! } });
    await runDetection(t.db, { boss });
    const baseline = await t.db.followedViewMatch.findMany({ where: { followId: follow.id } });
    expect(baseline.map((b) => b.organisationId)).toContain(kettering.id);
    expect((await t.db.follow.findUniqueOrThrow({ where: { id: follow.id } })).viewBaselineAt).not.toBeNull();
    expect(await t.db.alertEvent.count({ where: { key: { startsWith: `view:${view.id}:` } } })).toBe(0);
    // An import moves a real trust from another ICB under Northamptonshire
    const moved = await t.db.organisation.findFirstOrThrow({ where: { kind: "nhs-trust", status: "open", parentId: { not: northants.id } }, select: { id: true, code: true } });
    await t.db.organisation.update({ where: { id: moved.id }, data: { parentId: northants.id } });
    const imp = await t.db.dataImport.create({ data: { finishedAt: new Date(), added: 0, changed: 1, closed: 0, files: [] } });
    await runDetection(t.db, { boss });
    const events = await t.db.alertEvent.findMany({ where: { key: { startsWith: `view:${view.id}:` } } });
    expect(events.map((e) => e.key)).toEqual([`view:${view.id}:${moved.id}:${imp.id}`]);
    expect(await recipients(events[0]!.key)).toEqual([users.alice!]);
    expect((await t.db.followedViewMatch.findMany({ where: { followId: follow.id } })).map((b) => b.organisationId)).toContain(moved.id);
    // The next import with nothing new tells nothing
    await t.db.dataImport.create({ data: { finishedAt: new Date(), added: 0, changed: 0, closed: 0, files: [] } });
    await runDetection(t.db, { boss });
    expect(await t.db.alertEvent.count({ where: { key: { startsWith: `view:${view.id}:` } } })).toBe(1);
  });
});

describe("preferences and the worker", () => {
  it("creates no notification with both channels off, and a read one with email only", async () => {
    await t.db.notificationPreference.create({ data: { userId: users.alice!, kind: "notice.published", inApp: false, email: "off" } });
    await t.db.notificationPreference.create({ data: { userId: users.bob!, kind: "notice.published", inApp: false, email: "weekly" } });
    await importTestRelease();
    const release = await t.db.procurementRelease.findFirstOrThrow({ where: { releaseId: `atlas-test-${releaseCount}` }, select: { id: true } });
    await runDetection(t.db, { boss });
    const told = await notificationsOf(`release:${release.id}`);
    expect(told.map((n) => n.user_id).sort()).toEqual(sorted("bob", "carol"));
    const bobs = told.find((n) => n.user_id === users.bob)!;
    expect(bobs.email).toBe("weekly");
    expect(bobs.read_at).not.toBeNull();
    expect(told.find((n) => n.user_id === users.carol)!.read_at).toBeNull();
    await t.db.notificationPreference.deleteMany({ where: { userId: { in: [users.alice!, users.bob!] } } });
  });

  it("a worker runs detection when kicked", async () => {
    const worker = await startWorker({ url: t.url, db: t.db, pollingIntervalSeconds: 0.5, schedules: false });
    try {
      await importTestRelease();
      const release = await t.db.procurementRelease.findFirstOrThrow({ where: { releaseId: `atlas-test-${releaseCount}` }, select: { id: true } });
      await kickDetectionSoon(t.url);
      const deadline = Date.now() + 30_000;
      while ((await recipients(`release:${release.id}`)).length < 3 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 200));
      expect(await recipients(`release:${release.id}`)).toEqual(sorted("alice", "bob", "carol"));
      expect(await t.db.alertSource.count()).toBe(0);
    } finally {
      await worker.stop();
    }
  });

  it("a kick to a queue that cannot be reached is logged, not thrown", async () => {
    await expect(kickDetectionSoon("postgresql://nobody@127.0.0.1:9/none")).resolves.toBeUndefined();
    // and the next kick to a reachable database works (the failed sender was let go)
    await expect(kickDetectionSoon(t.url)).resolves.toBeUndefined();
    expect(Number((await t.db.$queryRawUnsafe<{ n: bigint }[]>(`SELECT count(*) AS n FROM pgboss.job WHERE name = $1`, QUEUES.detect))[0]!.n)).toBeGreaterThan(0);
  });
});
