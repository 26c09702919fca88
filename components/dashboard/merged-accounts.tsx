// On the dashboard: the team's accounts whose body closed, by the bodies that took over, with the
// lists that hold them (each list page has the action that moves them).
import Link from "next/link";
import type { MergerNotice } from "@/lib/target-lists/moves";
import { mergerHeadline } from "@/lib/target-lists/vocabulary";

export function MergedAccountsNotice({ notices }: { notices: MergerNotice[] }) {
  if (notices.length === 0) return null;
  return (
    <section aria-labelledby="merged-accounts" className="mb-6 rounded-lg border border-amber-200 bg-amber-50 px-5 py-4 text-sm text-amber-950">
      <h3 id="merged-accounts" className="text-base font-semibold">Accounts that merged</h3>
      <ul className="mt-2 space-y-2">
        {notices.map((notice) => {
          const lists = [...new Map(notice.entries.map((e) => [e.listId, e.listName])).entries()];
          return (
            <li key={notice.successors.map((s) => s.code).join(",")}>
              <p className="font-medium">{mergerHeadline(notice.accounts, notice.successors)}.</p>
              <p className="text-xs text-amber-900">
                {notice.entries.map((e) => e.name).filter((name, i, all) => all.indexOf(name) === i).join(", ")} · move them on{" "}
                {lists.map(([id, name], i) => (
                  <span key={id}>{i > 0 && ", "}<Link href={`/lists/${id}`} className="font-medium underline underline-offset-2">{name}</Link></span>
                ))}
              </p>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
