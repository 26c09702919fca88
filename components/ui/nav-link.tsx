"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

/** A main-navigation link that marks the section the user is in (aria-current and a bar under it). */
export function NavLink({ href, exact = false, children }: { href: string; exact?: boolean; children: React.ReactNode }) {
  const pathname = usePathname();
  const current = href === "/" || exact ? pathname === href : pathname === href || pathname.startsWith(`${href}/`);
  return (
    <Link
      href={href}
      aria-current={current ? "page" : undefined}
      className={`rounded-sm border-b-2 py-0.5 hover:text-white ${current ? "border-white font-medium text-white" : "border-transparent"}`}
    >
      {children}
    </Link>
  );
}
