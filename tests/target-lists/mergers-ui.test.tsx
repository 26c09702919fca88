// What a user sees: the profile's own actions (a new list in place when the team has none, the
// jump to the note box, a hint for viewers), notes from predecessors, and the notices of accounts
// that merged on the list page and the dashboard, on the real April 2026 successions.
import { renderToStaticMarkup } from "react-dom/server";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

vi.mock("next/navigation", () => ({ useRouter: () => ({ push: () => {}, refresh: () => {} }) }));

import { authenticateCookies, type AuthContext } from "@/lib/auth/context";
import { createTargetList } from "@/lib/target-lists";
import { addEntries, listEntries, listEntryToJson } from "@/lib/target-lists/entries";
import { mergerNotices, moveEntry } from "@/lib/target-lists/moves";
import { createNote, listPredecessorNotes } from "@/lib/notes";
import { loadDashboard } from "@/lib/dashboard";
import { ProfileActions } from "@/components/organisations/profile-actions";
import { PredecessorNotes } from "@/components/notes/predecessor-notes";
import { MergerNotices } from "@/components/target-lists/merger-notices";
import { EntryHistory } from "@/components/target-lists/entry-history";
import { Dashboard } from "@/components/dashboard/dashboard";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { signedInUser } from "../support/auth";

describe("accounts that merged, and a profile's own actions, as a user sees them", () => {
  let t: TestDatabase;
  let ctx: AuthContext;
  let listId: string;
  const text = (html: string) => html.replace(/<[^>]+>/g, "").replace(/&#x27;/g, "'");

  beforeAll(async () => {
    t = await createTestDatabase();
    ctx = (await authenticateCookies(t.db, (await signedInUser(t.db, "ann@a.example", "Team A", "analyst")).cookie, null))!;
    listId = (await createTargetList(t.db, ctx, { name: "East of England" })).id;
    await addEntries(t.db, ctx, { listId, codes: ["QHG", "QUE", "QM7", "QYG"] });
  });
  afterAll(() => t.drop());

  it("offers a new list in place on a profile when the team has none, and the jump to the note box", () => {
    const html = renderToStaticMarkup(<ProfileActions code="QYG" lists={[]} canWrite />);
    expect(html).toMatch(/<label[^>]*>Add to list<\/label>/);
    expect(html).toContain("+ New list…");
    expect(html).toMatch(/<label[^>]*>Name of the new list<\/label>/);
    expect(html).toMatch(/<a[^>]+href="#note-body"[^>]*>Write a note<\/a>/);
    expect(html).not.toContain("Create a target list");
    const viewer = renderToStaticMarkup(<ProfileActions code="QYG" lists={[{ value: listId, label: "East of England" }]} canWrite={false} />);
    expect(viewer).not.toContain("Add to list");
    expect(viewer).not.toContain("Write a note");
    expect(viewer).toContain("an analyst, admin or owner in your team can add it to a list or write a note");
  });

  it("says how many accounts merged into each successor, on the list and on the dashboard", async () => {
    const notices = await mergerNotices(t.db, ctx, { listId });
    const central = (await t.db.organisation.findUniqueOrThrow({ where: { code: "S1Y5D" } })).name;
    const list = text(renderToStaticMarkup(<MergerNotices listId={listId} notices={notices} canEdit />));
    expect(list).toContain(`2 of your accounts merged into ${central}`);
    expect(list).toMatch(/1 of your accounts split between .+ and .+: choose where each goes/);
    expect(list).toContain("Move all 2 to their successors");
    const dashboard = text(renderToStaticMarkup(<Dashboard data={await loadDashboard(t.db, ctx, {})} teamName="Team A" canWrite />));
    expect(dashboard).toContain(`2 of your accounts merged into ${central}.`);
    expect(dashboard).toContain("Accounts that merged");
  });

  it("shows a moved entry's history in the list and the predecessor's notes on the successor's profile", async () => {
    await createNote(t.db, ctx, { organisationCode: "QHG", body: "Met the **CIO** of BLMK" });
    const entry = (await t.db.targetListEntry.findFirstOrThrow({ where: { listId, organisation: { code: "QHG" } } }));
    await moveEntry(t.db, ctx, { listId, entryId: entry.id, version: entry.version });
    const [row] = (await listEntries(t.db, ctx, listId, { q: "S1Y5D" })).entries.map(listEntryToJson);
    expect(text(renderToStaticMarkup(<EntryHistory history={row!.history} />))).toMatch(/^Moved from NHS Bedfordshire, Luton and Milton Keynes Integrated Care Board \(QHG\) on .+ by ann$/);
    const s1y5d = await t.db.organisation.findUniqueOrThrow({ where: { code: "S1Y5D" } });
    const html = renderToStaticMarkup(<PredecessorNotes notes={await listPredecessorNotes(t.db, ctx, s1y5d.id)} />);
    expect(html).toContain("From predecessors");
    expect(html).toMatch(/<strong>(<span[^>]*>)?CIO(<\/span>)?<\/strong>/);
    expect(text(html)).toContain("On NHS Bedfordshire, Luton and Milton Keynes Integrated Care BoardQHG");
  });
});
