"use client";

import { useState, useTransition } from "react";
import { deleteNoteAction, noteVersionsAction, pinNoteAction, restoreNoteAction, updateNoteAction } from "@/lib/notes/actions";
import type { NoteJson } from "@/lib/notes";
import { formatDate } from "@/lib/format";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Textarea } from "@/components/ui/input";
import { Markdown } from "./markdown";
import { useWithActiveTeam } from "@/components/ui/active-team";

type Conflict = { version: number; body: string; updated_at: string; deleted?: boolean };
type Version = { version: number; body: string; action: string; edited_by: { name: string }; edited_at: string };

/** One note: read, edit (with a merge view when someone else saved first), pin, delete, restore, history. */
export function NoteCard({ note, canWrite }: { note: NoteJson; canWrite: boolean }) {
  const withTeam = useWithActiveTeam();
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState(note.body);
  const [baseVersion, setBaseVersion] = useState(note.version);
  const [conflict, setConflict] = useState<Conflict | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [history, setHistory] = useState<Version[] | null>(null);
  const [pending, start] = useTransition();

  const run = (work: () => Promise<{ ok: boolean; message?: string; code?: string; current?: unknown }>, onOk?: () => void) =>
    start(async () => {
      const result = await work();
      if (result.ok) {
        setMessage(null);
        onOk?.();
      } else {
        setMessage(result.message ?? "That did not work.");
        if (result.code === "conflict" && result.current) setConflict(result.current as Conflict);
      }
    });

  return (
    <article className={`rounded-md border p-3 ${note.pinned ? "border-amber-300 bg-amber-50/40" : "border-slate-200"} ${note.deleted ? "opacity-70" : ""}`} data-note-id={note.id}>
      <header className="mb-2 flex flex-wrap items-center gap-2 text-xs text-slate-500">
        {note.pinned && <Badge tone="warning">Pinned</Badge>}
        {note.deleted && <Badge tone="danger">Deleted</Badge>}
        <span>{note.author.name} · {formatDate(note.created_at)}{note.version > 1 && ` · edited ${formatDate(note.updated_at)} (v${note.version})`}</span>
        {note.contact && <span>· mentions {note.contact.name}{note.contact.role ? ` (${note.contact.role})` : ""}</span>}
        {note.entry && <span>· {note.entry.list.name}: {note.entry.stage}</span>}
      </header>

      {editing ? (
        <div className="space-y-2">
          {conflict && (
            <div role="alert" className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm">
              <p className="font-medium text-amber-900">Someone saved a newer version (v{conflict.version}) while you were editing. Your text is still in the box: merge the two and save.</p>
              <div className="mt-2 grid gap-3 md:grid-cols-2">
                <div>
                  <h4 className="text-xs font-semibold uppercase text-slate-500">Their text (saved)</h4>
                  <pre className="mt-1 max-h-48 overflow-auto whitespace-pre-wrap rounded bg-white p-2 text-xs" data-testid="conflict-current">{conflict.body}</pre>
                </div>
                <div>
                  <h4 className="text-xs font-semibold uppercase text-slate-500">Your text (not saved)</h4>
                  <pre className="mt-1 max-h-48 overflow-auto whitespace-pre-wrap rounded bg-white p-2 text-xs">{draft}</pre>
                </div>
              </div>
              <Button variant="secondary" size="xs" className="mt-2" onClick={() => { setBaseVersion(conflict.version); setConflict(null); setMessage(null); }}>
                I have merged: save over v{conflict.version}
              </Button>
            </div>
          )}
          <label className="sr-only" htmlFor={`edit-${note.id}`}>Edit note</label>
          <Textarea id={`edit-${note.id}`} value={draft} onChange={(e) => setDraft(e.target.value)} className="min-h-28" maxLength={20000} />
          <div className="flex gap-2">
            <Button
              size="sm"
              disabled={pending || conflict !== null}
              onClick={() => run(() => withTeam(updateNoteAction)({ id: note.id, body: draft, version: baseVersion }), () => setEditing(false))}
            >
              Save
            </Button>
            <Button variant="secondary" size="xs" onClick={() => { setEditing(false); setDraft(note.body); setConflict(null); setMessage(null); setBaseVersion(note.version); }}>Cancel</Button>
          </div>
        </div>
      ) : (
        <Markdown source={note.body} />
      )}

      {message && !conflict && <p role="alert" className="mt-2 text-xs text-rose-700">{message}</p>}

      <footer className="mt-3 flex flex-wrap gap-2">
        {canWrite && !note.deleted && !editing && (
          <>
            <Button variant="secondary" size="xs" onClick={() => { setDraft(note.body); setBaseVersion(note.version); setEditing(true); }}>Edit</Button>
            <Button variant="secondary" size="xs" disabled={pending} onClick={() => run(() => withTeam(pinNoteAction)({ id: note.id, pinned: !note.pinned }))}>{note.pinned ? "Unpin" : "Pin"}</Button>
            <Button variant="secondary" size="xs" disabled={pending} onClick={() => run(() => withTeam(deleteNoteAction)({ id: note.id, version: note.version }))}>Delete</Button>
          </>
        )}
        {canWrite && note.deleted && <Button variant="secondary" size="xs" disabled={pending} onClick={() => run(() => withTeam(restoreNoteAction)({ id: note.id }))}>Restore</Button>}
        <Button
          variant="secondary"
          size="xs"
          aria-expanded={history !== null}
          onClick={() => (history ? setHistory(null) : start(async () => {
            const result = await withTeam(noteVersionsAction)({ id: note.id });
            if (result.ok) setHistory(result.data as Version[]);
            else setMessage(result.message);
          }))}
        >
          {history ? "Hide history" : "History"}
        </Button>
      </footer>

      {history && (
        <ol className="mt-3 space-y-2 border-t border-slate-100 pt-3 text-xs">
          {history.map((v) => (
            <li key={v.version}>
              <div className="text-slate-500">v{v.version} · {v.action} by {v.edited_by.name} · {formatDate(v.edited_at)}</div>
              <pre className="mt-1 whitespace-pre-wrap rounded bg-slate-50 p-2 text-slate-700">{v.body}</pre>
            </li>
          ))}
        </ol>
      )}
    </article>
  );
}
