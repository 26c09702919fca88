import Link from "next/link";

/** What a table shows instead of rows when its URL's filters cannot be applied, with a way out. */
export function FilterError({ message, resetHref, resetLabel }: { message: string; resetHref: string; resetLabel: string }) {
  return (
    <div role="alert" className="rounded-lg border border-rose-200 bg-rose-50 px-4 py-4 text-sm text-rose-900">
      <p className="font-semibold">This table cannot show these filters</p>
      <p className="mt-1">{message}</p>
      <p className="mt-3">
        <Link href={resetHref} className="font-medium text-rose-900 underline underline-offset-2">{resetLabel}</Link>
      </p>
    </div>
  );
}
