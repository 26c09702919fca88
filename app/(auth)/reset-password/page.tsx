import type { Metadata } from "next";
import Link from "next/link";
import { getDb } from "@/lib/db/client";
import { RESET_REFUSALS, describePasswordReset } from "@/lib/auth/password-reset";
import { ResetPasswordForm } from "@/components/auth/reset-password-form";

// The token is in the URL: never send it on to another site in a Referer header
export const metadata: Metadata = { title: "Choose a new password", referrer: "no-referrer" };

// Public page: the emailed token is the credential (single use, one hour).
export default async function ResetPasswordPage({ searchParams }: { searchParams: Promise<{ token?: string | string[] }> }) {
  const { token } = await searchParams;
  const state = typeof token === "string" && token.length <= 200 ? await describePasswordReset(getDb(), token) : "unknown";
  if (state !== "valid") {
    return (
      <>
        <h1 className="mb-2 text-xl font-semibold">{RESET_REFUSALS[state]}</h1>
        <Link href="/forgot-password" className="mt-4 inline-block text-sm font-medium text-brand-700 underline">Ask for a new link</Link>
      </>
    );
  }
  return (
    <>
      <h1 className="mb-1 text-xl font-semibold">Choose a new password</h1>
      <p className="mb-6 text-sm text-slate-600">Setting it signs you out of every browser where you are signed in.</p>
      <ResetPasswordForm token={token as string} />
    </>
  );
}
