"use client";

import { useTransition } from "react";
import { signOutAction } from "@/lib/auth/actions";
import { useWithActiveTeam } from "@/components/ui/active-team";

export function SignOutButton() {
  const withTeam = useWithActiveTeam();
  const [pending, startTransition] = useTransition();
  const signOut = () =>
    startTransition(async () => {
      await withTeam(signOutAction)({});
      // A full load, so no page of the signed-in app stays in the client's router cache
      // eslint-disable-next-line @next/next/no-location-assign-relative-destination
      window.location.assign("/sign-in");
    });
  return (
    <button type="button" onClick={signOut} disabled={pending} className="rounded-md border border-brand-100/40 px-3 py-1.5 text-sm text-white hover:bg-white/10 disabled:opacity-60">
      {pending ? "Signing out…" : "Sign out"}
    </button>
  );
}
