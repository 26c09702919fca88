"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { archiveTargetListAction } from "@/lib/target-lists/actions";
import { Button, buttonClass } from "@/components/ui/button";

/** Export (a plain download link: the CSV streams) and archive or restore. */
export function ListActions({ listId, archived, canWrite }: { listId: string; archived: boolean; canWrite: boolean }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  return (
    <div className="flex flex-wrap items-center gap-2">
      <a href={`/api/v1/target-lists/${listId}/export.csv?bom=1`} className={buttonClass({ variant: "secondary", size: "sm" })} download>
        Export CSV
      </a>
      {canWrite && (
        <Button
          variant="secondary"
          size="sm"
          disabled={pending}
          onClick={() =>
            start(async () => {
              const result = await archiveTargetListAction({ id: listId, archived: !archived });
              if (result.ok) router.refresh();
              else setError(result.message);
            })
          }
        >
          {archived ? "Restore list" : "Archive list"}
        </Button>
      )}
      {error && <p role="alert" className="text-sm text-rose-700">{error}</p>}
    </div>
  );
}
