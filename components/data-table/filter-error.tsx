import Link from "next/link";

/**
 * How every page shows a URL parameter it cannot apply: a table shows this instead of rows; the
 * dashboard, whose charts still draw without the bad filter, shows it above them with its own title.
 */
export function FilterError({
  message,
  resetHref,
  resetLabel,
  title = "This table cannot show these filters",
}: {
  message: string;
  resetHref: string;
  resetLabel: string;
  title?: string;
}) {
  return (
    <div role="alert" className="rounded-lg border border-rose-200 bg-rose-50 px-4 py-4 text-sm text-rose-900">
      <p className="font-semibold">{title}</p>
      <p className="mt-1">{message}</p>
      <p className="mt-3">
        <Link href={resetHref} className="font-medium text-rose-900 underline underline-offset-2">{resetLabel}</Link>
      </p>
    </div>
  );
}
