"use client";

import Link, { useLinkStatus } from "next/link";
import { usePathname } from "next/navigation";

/**
 * While the page a link opens is on its way: a pulsing dot beside the link and "Loading…" for
 * screen readers. Pages have no route-wide loading state (it would make the skeleton, not the
 * page, what a first load paints first); those that stream show their own skeletons.
 */
function Pending() {
  const { pending } = useLinkStatus();
  return (
    <>
      <span aria-hidden className={`absolute -right-2.5 top-1/2 h-1.5 w-1.5 -translate-y-1/2 rounded-full bg-current ${pending ? "animate-pulse" : "invisible"}`} />
      <span role="status" className="sr-only">{pending ? "Loading…" : ""}</span>
    </>
  );
}

/** A main-navigation link that marks the section the user is in (aria-current and a bar under it). */
export function NavLink({ href, exact = false, children }: { href: string; exact?: boolean; children: React.ReactNode }) {
  const pathname = usePathname();
  const current = href === "/" || exact ? pathname === href : pathname === href || pathname.startsWith(`${href}/`);
  return (
    <Link
      href={href}
      aria-current={current ? "page" : undefined}
      className={`relative rounded-sm border-b-2 py-0.5 hover:text-white ${current ? "border-white font-medium text-white" : "border-transparent"}`}
    >
      {children}
      <Pending />
    </Link>
  );
}
