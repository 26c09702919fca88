"use client";

import type { ExportFormat } from "@/lib/export";
import { useTableUrlState } from "@/components/data-table/table-url-state";
import { ExportMenu } from "@/components/export/export-menu";
import { exportQuery } from "./query";

/** Every body the explorer's filters match, as Excel or CSV, named after the saved view. */
export function ExplorerExport({ total, viewName }: { total: number; viewName: string | null }) {
  const { query } = useTableUrlState();
  const href = (format: ExportFormat) => `/api/v1/organisations?${exportQuery(query, viewName ?? "explorer", format)}`;
  return <ExportMenu links={{ xlsx: href("xlsx"), csv: href("csv") }} total={total} />;
}
