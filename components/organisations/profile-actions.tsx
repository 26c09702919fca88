"use client";
// The account's own actions, at the top of its profile: add it to a list (a new one in place when
// the team has none) and jump to the note box. Viewers see why they have neither.
import { buttonClass } from "@/components/ui/button";
import { AddToList } from "@/components/target-lists/add-to-list";
import type { ListOption } from "@/components/target-lists/list-picker";
import { NOTE_BOX_ID } from "@/components/notes/note-composer";

export function ProfileActions({ code, lists, canWrite }: { code: string; lists: ListOption[]; canWrite: boolean }) {
  if (!canWrite) {
    return <p className="mb-6 text-sm text-slate-600">Your role can read this profile; an analyst, admin or owner in your team can add it to a list or write a note.</p>;
  }
  return (
    <div role="group" aria-label="Your team's actions" className="mb-6 flex flex-wrap items-center gap-x-6 gap-y-3 rounded-lg border border-slate-200 bg-white px-4 py-3 shadow-sm">
      <AddToList code={code} lists={lists} />
      <a
        href={`#${NOTE_BOX_ID}`}
        className={buttonClass({ variant: "secondary", size: "sm" })}
        onClick={(event) => {
          const box = document.getElementById(NOTE_BOX_ID);
          if (!box) return;
          event.preventDefault();
          box.scrollIntoView({ behavior: "smooth", block: "center" });
          box.focus({ preventScroll: true });
          history.replaceState(null, "", `#${NOTE_BOX_ID}`);
        }}
      >
        Write a note
      </a>
    </div>
  );
}
