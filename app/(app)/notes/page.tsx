import type { Metadata } from "next";
import Link from "next/link";
import { getDb } from "@/lib/db/client";
import { requirePageAuth } from "@/lib/auth/guards";
import { listMembers } from "@/lib/auth/accounts";
import { can } from "@/lib/auth/roles";
import { noteToJson, notesFeedTable, type NoteRecord, type NotesFeedParams } from "@/lib/notes";
import type { TablePage } from "@/lib/tables/page";
import { toSearchParams } from "@/lib/paging";
import { readFeedPage } from "@/lib/tables/server";
import { listTargetLists } from "@/lib/target-lists";
import { Card, PageHeader } from "@/components/ui/card";
import { FilterError } from "@/components/data-table/filter-error";
import { NoteCard } from "@/components/notes/note-card";
import { Button } from "@/components/ui/button";
import { Input, Label, Select } from "@/components/ui/input";

export const metadata: Metadata = { title: "Notes" };


export default async function NotesFeedPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const ctx = await requirePageAuth();
  const db = getDb();
  const params = toSearchParams(await searchParams);
  const [read, members, lists] = await Promise.all([readFeedPage(notesFeedTable, db, ctx, params), listMembers(db, ctx), listTargetLists(db, ctx)]);
  // A bad parameter leaves the form empty and says what was wrong in place of the notes
  const filter: Partial<NotesFeedParams> = read.ok ? read.filters : {};
  const canWrite = can(ctx, "write");
  return (
    <>
      <PageHeader title="Notes">Everything your team has written, newest first. Search finds words in any form (&quot;meeting&quot; finds &quot;meetings&quot;).</PageHeader>
      <form method="get" role="search" className="mb-6 flex flex-wrap items-end gap-3">
        <div className="min-w-64 flex-1">
          <Label htmlFor="q">Search notes</Label>
          <Input id="q" name="q" defaultValue={filter.q ?? ""} className="mt-1" placeholder="e.g. procurement timeline" />
        </div>
        <div>
          <Label htmlFor="author">Author</Label>
          <Select id="author" name="author" defaultValue={filter.author ?? ""} className="mt-1">
            <option value="">Anyone</option>
            {members.map((m) => <option key={m.user.id} value={m.user.id}>{m.user.name}</option>)}
          </Select>
        </div>
        <div>
          <Label htmlFor="list">On list</Label>
          <Select id="list" name="list" defaultValue={filter.list ?? ""} className="mt-1">
            <option value="">Any body</option>
            {lists.map((l) => <option key={l.id} value={l.id}>{l.name}</option>)}
          </Select>
        </div>
        <div>
          <Label htmlFor="organisation">Organisation code</Label>
          <Input id="organisation" name="organisation" defaultValue={filter.organisation ?? ""} className="mt-1 w-32" full={false} />
        </div>
        <Button type="submit">Filter</Button>
        <Link href="/notes" className="py-2 text-sm text-brand-700 underline">Clear</Link>
      </form>
      {read.ok ? <NotesList page={read.page} filtered={Boolean(filter.q || filter.author || filter.list || filter.organisation)} params={params} canWrite={canWrite} /> : <FilterError message={read.error} resetHref="/notes" resetLabel="Show every note" />}
    </>
  );
}

function NotesList({ page, filtered, params, canWrite }: { page: TablePage<NoteRecord>; filtered: boolean; params: URLSearchParams; canWrite: boolean }) {
  const notes = page.rows;
  const next = new URLSearchParams([...params].filter(([, v]) => v));
  if (page.nextBefore) next.set("before", page.nextBefore);
  return (
    <Card>
      {notes.length === 0 ? (
        <p className="text-sm text-slate-600">{filtered ? "No notes match." : "Your team has not written any notes yet. Open a body's profile to write one."}</p>
      ) : (
        <ul className="space-y-4">
          {notes.map((note) => (
            <li key={note.id}>
              <Link href={`/organisations/${note.organisationCode}`} className="mb-1 inline-block text-sm font-medium text-brand-700 hover:underline">{note.organisation.name}</Link>
              <NoteCard note={noteToJson(note)} canWrite={canWrite} />
            </li>
          ))}
        </ul>
      )}
      {page.nextBefore && <Link href={`/notes?${next.toString()}`} className="mt-4 inline-block text-sm text-brand-700 underline">Older notes</Link>}
    </Card>
  );
}
