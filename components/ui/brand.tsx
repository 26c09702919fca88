import Link from "next/link";

export function Brand({ tone = "light" }: { tone?: "light" | "dark" }) {
  return (
    <Link href="/" className={`flex items-center gap-2 text-lg font-semibold tracking-tight ${tone === "light" ? "text-white" : "text-brand-900"}`}>
      <span aria-hidden className={`grid h-7 w-7 place-items-center rounded text-sm font-bold ${tone === "light" ? "bg-white text-brand-900" : "bg-brand-900 text-white"}`}>CA</span>
      Commissioning Atlas
    </Link>
  );
}
