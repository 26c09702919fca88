/** An empty cell: a dash on screen, what is missing for screen readers (and as its tooltip). */
export function Blank({ label }: { label: string }) {
  return (
    <span className="text-slate-500" title={label}>
      <span aria-hidden>—</span>
      <span className="sr-only">{label}</span>
    </span>
  );
}
