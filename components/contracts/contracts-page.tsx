"use client";

import { SavedViewsMenu, SaveViewButton, ViewTitle, type SavedView } from "@/components/views/saved-views";
import { ContractsExport } from "./contracts-table";

/** The page's title, its saved view, and its views, save and export actions. */
export function ContractsPageHeader({ views, viewName, canSave, canManage, total }: { views: SavedView[]; viewName: string | null; canSave: boolean; canManage: boolean; total: number | null }) {
  return (
    <div className="mb-5 flex flex-wrap items-end justify-between gap-4">
      <div>
        <ViewTitle title="Contracts" viewName={viewName} />
        <p className="mt-1 text-sm text-slate-600">Tenders, awards and contracts: what each body buys, from whom, and when its contracts end and will be re-let.</p>
      </div>
      <div className="ml-auto flex flex-wrap items-center justify-end gap-2">
        <SavedViewsMenu page="contracts" views={views} current={viewName} canManage={canManage} />
        {canSave && <SaveViewButton page="contracts" placeholder="e.g. Welsh tenders open for bids" />}
        {total !== null && <ContractsExport total={total} viewName={viewName} />}
      </div>
    </div>
  );
}
