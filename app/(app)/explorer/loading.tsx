export default function ExplorerLoading() {
  return (
    <div role="status" aria-live="polite" className="animate-pulse">
      <div className="mb-5 flex flex-wrap items-end justify-between gap-4">
        <div className="space-y-2">
          <div className="h-7 w-40 rounded bg-slate-200" />
          <div className="h-4 w-96 max-w-full rounded bg-slate-200" />
        </div>
        <div className="flex gap-2">
          <div className="h-8 w-28 rounded-md bg-slate-200" />
          <div className="h-8 w-24 rounded-md bg-slate-200" />
          <div className="h-8 w-28 rounded-md bg-slate-200" />
        </div>
      </div>
      <div className="gap-6 lg:grid lg:grid-cols-[15rem_minmax(0,1fr)]">
        <div className="mb-3 hidden h-[32rem] rounded-lg bg-slate-200 lg:block" />
        <div className="space-y-3">
          <div className="h-9 rounded-md bg-slate-200" />
          <div className="h-5 w-40 rounded bg-slate-200" />
          <div className="overflow-hidden rounded-lg border border-slate-200 bg-white">
            <div className="h-9 bg-slate-100" />
            {Array.from({ length: 12 }, (_, i) => (
              <div key={i} className="flex gap-4 border-t border-slate-100 px-3 py-2.5">
                <div className="h-4 w-4 rounded bg-slate-200" />
                <div className="h-4 w-14 rounded bg-slate-200" />
                <div className="h-4 flex-1 rounded bg-slate-200" />
                <div className="h-4 w-24 rounded bg-slate-200" />
                <div className="hidden h-4 w-32 rounded bg-slate-200 sm:block" />
                <div className="h-4 w-20 rounded bg-slate-200" />
              </div>
            ))}
          </div>
        </div>
      </div>
      <span className="sr-only">Loading the explorer…</span>
    </div>
  );
}
