"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { archiveTargetListAction } from "@/lib/target-lists/actions";

/** Export (a plain download link: the CSV streams) and archive or restore. */
export function ListActions({ listId, archived, canWrite }: { listId: string; archived: boolean; canWrite: boolean }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  return (
    <div className="flex flex-wrap items-center gap-2">
      <a href={`/api/v1/target-lists/${listId}/export.csv?bom=1`} className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-800 shadow-sm hover:bg-slate-50" download>
        Export CSV
      </a>
      {canWrite && (
        <button
          type="button"
          disabled={pending}
          onClick={() =>
            start(async () => {
              const result = await archiveTargetListAction({ id: listId, archived: !archived });
              if (result.ok) router.refresh();
              else setError(result.message);
            })
          }
          className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-800 shadow-sm hover:bg-slate-50 disabled:opacity-60"
        >
          {archived ? "Restore list" : "Archive list"}
        </button>
      )}
      {error && <p role="alert" className="text-sm text-rose-700">{error}</p>}
    </div>
  );
}
