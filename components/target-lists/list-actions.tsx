"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { archiveTargetListAction } from "@/lib/target-lists/actions";
import { Button } from "@/components/ui/button";
import { ExportMenu } from "@/components/export/export-menu";
import { useWithActiveTeam } from "@/components/ui/active-team";

/** Export (Excel or CSV, streamed) and archive or restore. */
export function ListActions({ listId, archived, canWrite }: { listId: string; archived: boolean; canWrite: boolean }) {
  const withTeam = useWithActiveTeam();
  const router = useRouter();
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  return (
    <div className="flex flex-wrap items-center gap-2">
      <ExportMenu links={{ xlsx: `/api/v1/target-lists/${listId}/export.csv?format=xlsx`, csv: `/api/v1/target-lists/${listId}/export.csv?bom=1` }} />
      {canWrite && (
        <Button
          variant="secondary"
          size="sm"
          disabled={pending}
          onClick={() =>
            start(async () => {
              const result = await withTeam(archiveTargetListAction)({ id: listId, archived: !archived });
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
