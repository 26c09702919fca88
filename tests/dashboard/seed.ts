// A team's work for the dashboard tests and the dashboard screenshots: two analysts, two active
// lists and an archived one, entries at every stage with values and next-step dates (some
// overdue), and notes spread over the last 30 weeks (one deleted). Dates are relative to `now`.
// Written through lib/ (lists, entries, notes) as the app would, then dated with Prisma.
import type { Db } from "../../lib/db/client";
import type { AuthContext } from "../../lib/auth/context";
import { createUserByOperator } from "../../lib/auth/accounts";
import { createTargetList, setTargetListArchived } from "../../lib/target-lists";
import { addEntries } from "../../lib/target-lists/entries";
import { createNote, deleteNote } from "../../lib/notes";

const DAY_MS = 86_400_000;

export type SeededTeam = {
  teamId: string;
  users: { id: string; email: string; name: string; ctx: AuthContext }[];
  lists: { epr: string; community: string; archived: string };
};

export function contextFor(user: { id: string; email: string; name: string }, team: { id: string; name: string }, role: AuthContext["role"] = "analyst"): AuthContext {
  return { user, team, role, via: "session", sessionId: null, tokenId: null, ip: null };
}

type EntryPlan = { code: string; stage?: string; lostReason?: string; value?: number; dueInDays?: number; nextStep?: string };

export async function seedTeamWork(
  db: Db,
  options: { team: string; users: { email: string; name: string; password: string }[]; now?: Date },
): Promise<SeededTeam> {
  const now = options.now ?? new Date();
  const today = Date.parse(`${now.toISOString().slice(0, 10)}T00:00:00Z`);
  const users: SeededTeam["users"] = [];
  let teamId = "";
  for (const u of options.users) {
    const created = await createUserByOperator(db, { email: u.email, password: u.password, name: u.name, team: options.team, role: "analyst" });
    teamId = created.teamId;
    users.push({ id: created.userId, email: u.email, name: u.name, ctx: contextFor({ id: created.userId, email: u.email, name: u.name }, { id: created.teamId, name: options.team }) });
  }
  const [ann, bob = ann] = users as [SeededTeam["users"][number], ...SeededTeam["users"]];

  const epr = await createTargetList(db, ann.ctx, { name: "EPR replacement 2027" });
  const community = await createTargetList(db, bob.ctx, { name: "Community services" });
  const archived = await createTargetList(db, ann.ctx, { name: "Old bid (archived)" });
  // The three North West ICBs, by filter as the explorer's "add all matching" does
  await addEntries(db, ann.ctx, { listId: epr.id, filter: "kind=icb&region=Y62" });
  await addEntries(db, ann.ctx, { listId: epr.id, codes: ["QHM", "QWO", "QKK", "S08000020", "S08000024", "7A4", "ZT001", "U00070"] });
  await addEntries(db, bob.ctx, { listId: community.id, codes: ["QYG", "QMF", "QJK", "D7T5G", "7A1"] });
  await addEntries(db, ann.ctx, { listId: archived.id, codes: ["QSL", "S08000015"] });

  const plan = async (listId: string, entries: EntryPlan[]) => {
    for (const e of entries) {
      await db.targetListEntry.updateMany({
        where: { listId, organisation: { code: e.code } },
        data: {
          stage: e.stage ?? "identified",
          lostReason: e.lostReason ?? null,
          estimatedValueGbp: e.value ?? null,
          nextStep: e.nextStep ?? (e.dueInDays !== undefined ? "Follow up" : null),
          nextStepDate: e.dueInDays !== undefined ? new Date(today + e.dueInDays * DAY_MS) : null,
        },
      });
    }
  };
  await plan(epr.id, [
    { code: "QYG", stage: "engaged", value: 250_000, dueInDays: -10, nextStep: "Demo to the CCIO" },
    { code: "QOP", stage: "proposal", value: 1_200_000, dueInDays: -45, nextStep: "Chase the evaluation panel" },
    { code: "QE1", stage: "identified" },
    { code: "QHM", stage: "won", value: 800_000, dueInDays: -100 },
    { code: "QWO", stage: "lost", lostReason: "Went with the incumbent", value: 400_000, dueInDays: -60 },
    { code: "QKK", stage: "researching", dueInDays: -120, nextStep: "Find the digital lead" },
    { code: "S08000020", stage: "researching", dueInDays: -3, nextStep: "Call the eHealth lead" },
    { code: "S08000024", stage: "researching", dueInDays: 14 },
    { code: "7A4", stage: "engaged", value: 120_000, dueInDays: -200, nextStep: "Send the case study" },
    { code: "ZT001", stage: "identified" },
    { code: "U00070", stage: "identified", dueInDays: 0 },
  ]);
  await plan(community.id, [
    { code: "QYG", stage: "researching", value: 50_000, dueInDays: -20, nextStep: "Meet community services lead" },
    { code: "QMF", stage: "proposal", value: 300_000, dueInDays: 7 },
    { code: "QJK", stage: "engaged", value: 90_000, dueInDays: -8 },
    { code: "D7T5G", stage: "identified", dueInDays: -1 },
    { code: "7A1", stage: "engaged" },
  ]);
  await plan(archived.id, [
    { code: "QSL", stage: "proposal", value: 999_000, dueInDays: -30 },
    { code: "S08000015", stage: "engaged", dueInDays: -5 },
  ]);
  await setTargetListArchived(db, ann.ctx, { id: archived.id, archived: true });

  // Notes: [author, body code, weeks ago]; the last one falls outside the 26-week window
  const notes: [typeof ann, string, number][] = [
    [ann, "QYG", 0], [ann, "QOP", 0], [bob, "QMF", 0],
    [ann, "QYG", 1], [bob, "QJK", 1], [bob, "7A1", 1],
    [ann, "S08000020", 3], [ann, "7A4", 5], [bob, "QYG", 8],
    [ann, "QOP", 12], [bob, "D7T5G", 12], [ann, "QHM", 18],
    [bob, "QMF", 25], [ann, "QYG", 30],
  ];
  const ids: string[] = [];
  for (const [author, code, weeksAgo] of notes) {
    const note = await createNote(db, author.ctx, { organisationCode: code, body: `Note on ${code}, ${weeksAgo} weeks ago` });
    await db.note.update({ where: { id: note.id }, data: { createdAt: new Date(now.getTime() - weeksAgo * 7 * DAY_MS) } });
    ids.push(note.id);
  }
  // A deleted note is not counted
  const deleted = await createNote(db, bob.ctx, { organisationCode: "QYG", body: "Wrong body, deleted" });
  await deleteNote(db, bob.ctx, deleted.id);

  return { teamId, users, lists: { epr: epr.id, community: community.id, archived: archived.id } };
}
