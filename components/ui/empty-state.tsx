import type { ReactNode } from "react";

const LOOKS = {
  /** In place of a whole table */
  page: { box: "rounded-lg bg-white px-6 py-14", title: "text-base font-semibold text-slate-900", text: "max-w-md", action: "mt-4" },
  /** In place of a chart, inside its card */
  card: { box: "rounded-md bg-slate-50 px-4 py-6", title: "font-medium text-slate-800", text: "max-w-prose", action: "mt-3 flex flex-wrap justify-center gap-3" },
};

/** What an empty table or chart says instead: why nothing shows and what to do about it. */
export function EmptyState({ title, children, action, look = "page" }: { title: ReactNode; children?: ReactNode; action?: ReactNode; look?: keyof typeof LOOKS }) {
  const { box, title: titleClass, text, action: actionClass } = LOOKS[look];
  return (
    <div className={`${box} border border-dashed border-slate-300 text-center`}>
      <p className={titleClass}>{title}</p>
      {children && <div className={`mx-auto mt-1 ${text} text-sm text-slate-600`}>{children}</div>}
      {action && <div className={actionClass}>{action}</div>}
    </div>
  );
}
