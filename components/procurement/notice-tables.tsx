// The profile's procurement tables: notices (open tenders, contracts ending), suppliers by awarded
// value and suppliers paid over £25k. Each row not published by the body itself says by whom.
import Link from "next/link";
import type { ReactNode } from "react";
import type { ProfileNotice, SpendSupplier, SupplierTotal } from "@/lib/procurement/profile";
import { NOTICE_STATUS_LABELS } from "@/lib/procurement/vocabulary";
import { formatDate, formatGbp, formatGbpCompact, formatInteger } from "@/lib/format";
import { RelationBadge, RelationBadges } from "./relation";

const link = "text-brand-700 underline underline-offset-2 hover:text-brand-900";

/** A published value: one figure, or a range where the low and high ends differ. */
export function formatNoticeValue(min: number | null, max: number | null, currency: string | null): string {
  if (min === null && max === null) return "Not published";
  const money = (value: number) => (currency && currency !== "GBP" ? `${currency} ${formatInteger(Math.round(value))}` : formatGbpCompact(value));
  if (min !== null && max !== null && min !== max) return `${money(min)}–${money(max)}`;
  return money((max ?? min)!);
}

/** A table under a caption for screen readers; a header ending in "#" is a figure, right-aligned. */
function Table({ caption, headers, children }: { caption: string; headers: string[]; children: ReactNode }) {
  const head = headers.map((header) => {
    const figure = header.endsWith("#");
    return <th key={header} scope="col" className={`px-2 py-2 font-medium ${figure ? "text-right" : ""}`}>{figure ? header.slice(0, -1) : header}</th>;
  });
  return (
    <div className="overflow-x-auto">
      <table className="w-full border-collapse text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead><tr className="border-b border-slate-200 text-left text-xs uppercase tracking-wide text-slate-600">{head}</tr></thead>
        <tbody className="divide-y divide-slate-100">{children}</tbody>
      </table>
    </div>
  );
}

const cell = "px-2 py-2 align-top";
const numeric = `${cell} text-right tabular-nums`;

/** Notices with their buyer as published; `date` picks the column that matters to the list. */
export function NoticeTable({ caption, notices, date }: { caption: string; notices: ProfileNotice[]; date: "deadline" | "end" }) {
  return (
    <Table caption={caption} headers={["Notice", "Buyer as published", date === "deadline" ? "Deadline" : "Contract ends", "Value#"]}>
      {notices.map((notice) => (
        <tr key={notice.id}>
          <th scope="row" className={`${cell} text-left font-normal`}>
            <Link href={`/contracts/${notice.id}`} className={link}>{notice.title}</Link>
            <span className="mt-0.5 block text-xs text-slate-500">{NOTICE_STATUS_LABELS[notice.status]} · published {formatDate(notice.publishedAt)}</span>
          </th>
          <td className={cell}>
            <span className="block">{notice.buyerName}</span>
            <RelationBadge relation={notice.relation} />
          </td>
          <td className={`${cell} whitespace-nowrap`}>
            {date === "deadline" ? (notice.tenderDeadline ? formatDate(notice.tenderDeadline) : "Not given") : notice.contractEnd ? formatDate(notice.contractEnd) : "—"}
          </td>
          <td className={numeric}>{formatNoticeValue(notice.valueMin, notice.valueMax, notice.currency)}</td>
        </tr>
      ))}
    </Table>
  );
}

export function SupplierTable({ caption, suppliers, buyer }: { caption: string; suppliers: SupplierTotal[]; buyer: string }) {
  return (
    <Table caption={caption} headers={["Supplier", "Awards#", "Awarded value (as published)#"]}>
      {suppliers.map((supplier) => (
        <tr key={`${supplier.name}-${supplier.identifier ?? ""}`}>
          <th scope="row" className={`${cell} text-left font-normal`}>
            <Link href={`/contracts?buyer=${encodeURIComponent(buyer)}&supplier=${encodeURIComponent(supplier.name)}`} className={link}>{supplier.name}</Link> <RelationBadges relations={supplier.relations} />
          </th>
          <td className={numeric}>
            {formatInteger(supplier.awards)}
            {supplier.unpriced > 0 && <span className="block text-xs text-slate-500">{formatInteger(supplier.unpriced)} without a value</span>}
          </td>
          <td className={numeric}>{formatNoticeValue(supplier.valueMin, supplier.valueMax, "GBP")}</td>
        </tr>
      ))}
    </Table>
  );
}

export function SpendSupplierTable({ caption, suppliers }: { caption: string; suppliers: SpendSupplier[] }) {
  return (
    <Table caption={caption} headers={["Supplier paid (as published)", "Payments#", "Amount#"]}>
      {suppliers.map((supplier) => (
        <tr key={supplier.name}>
          <th scope="row" className={`${cell} text-left font-normal`}>
            {supplier.name} <RelationBadges relations={supplier.relations} />
          </th>
          <td className={numeric}>{formatInteger(supplier.lines)}</td>
          <td className={numeric}>{formatGbp(supplier.amount)}</td>
        </tr>
      ))}
    </Table>
  );
}
