import type { Metadata } from "next";
import Link from "next/link";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Commissioning Atlas", template: "%s · Commissioning Atlas" },
  description: "Who commissions what across the NHS in England, Scotland, Wales and Northern Ireland.",
};

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en-GB">
      <body className="min-h-screen bg-slate-50 font-sans text-slate-900 antialiased">
        <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-4 focus:top-4 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2">
          Skip to content
        </a>
        <header className="border-b border-brand-900 bg-brand-900 text-white">
          <div className="mx-auto flex max-w-7xl items-center justify-between gap-4 px-4 py-3 sm:px-6">
            <Link href="/" className="flex items-center gap-2 text-lg font-semibold tracking-tight">
              <span aria-hidden className="grid h-7 w-7 place-items-center rounded bg-white text-sm font-bold text-brand-900">CA</span>
              Commissioning Atlas
            </Link>
            <nav aria-label="Main" className="flex gap-4 text-sm text-brand-100">
              <Link href="/" className="hover:text-white">Overview</Link>
            </nav>
          </div>
        </header>
        <main id="main" className="mx-auto max-w-7xl px-4 py-8 sm:px-6">{children}</main>
        <footer className="mx-auto max-w-7xl px-4 pb-10 text-xs text-slate-500 sm:px-6">
          Reference data: NHS England, ODS, ONS, PHS, NRS, NISRA and others under the Open Government Licence v3.0; mySociety local-authority register (CC BY 4.0).
          Sources and caveats are listed in the repository&apos;s data/PROVENANCE.md.
        </footer>
      </body>
    </html>
  );
}
