export default function TargetListLoading() {
  return (
    <div role="status" aria-live="polite" className="animate-pulse">
      <div className="mb-3 h-4 w-40 rounded bg-slate-200" />
      <div className="mb-5 flex flex-wrap items-start justify-between gap-4">
        <div className="space-y-2">
          <div className="h-8 w-72 max-w-full rounded bg-slate-200" />
          <div className="h-4 w-[28rem] max-w-full rounded bg-slate-200" />
          <div className="h-3 w-64 max-w-full rounded bg-slate-200" />
        </div>
        <div className="flex gap-2">
          <div className="h-8 w-24 rounded-md bg-slate-200" />
          <div className="h-8 w-24 rounded-md bg-slate-200" />
        </div>
      </div>
      <div className="mb-2 h-5 w-24 rounded bg-slate-200" />
      <div className="mb-6 grid grid-cols-2 gap-2 sm:grid-cols-3 lg:grid-cols-6">
        {Array.from({ length: 6 }, (_, i) => (
          <div key={i} className="h-[4.5rem] rounded-md bg-slate-200" />
        ))}
      </div>
      <div className="mb-3 grid gap-2 sm:grid-cols-[minmax(0,1fr)_11rem_11rem]">
        <div className="h-9 rounded-md bg-slate-200" />
        <div className="h-9 rounded-md bg-slate-200" />
        <div className="h-9 rounded-md bg-slate-200" />
      </div>
      <div className="mb-3 h-5 w-32 rounded bg-slate-200" />
      <div className="overflow-hidden rounded-lg border border-slate-200 bg-white">
        <div className="h-9 bg-slate-100" />
        {Array.from({ length: 10 }, (_, i) => (
          <div key={i} className="flex gap-4 border-t border-slate-100 px-3 py-3">
            <div className="h-4 w-4 rounded bg-slate-200" />
            <div className="h-4 flex-1 rounded bg-slate-200" />
            <div className="hidden h-4 w-20 rounded bg-slate-200 sm:block" />
            <div className="h-6 w-32 rounded bg-slate-200" />
            <div className="h-6 w-28 rounded bg-slate-200" />
            <div className="hidden h-4 w-24 rounded bg-slate-200 md:block" />
            <div className="hidden h-4 w-16 rounded bg-slate-200 md:block" />
          </div>
        ))}
      </div>
      <span className="sr-only">Loading the list…</span>
    </div>
  );
}
