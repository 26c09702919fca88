import type { Metadata } from "next";
import Link from "next/link";
import { getDb } from "@/lib/db/client";
import { hasAnyUser } from "@/lib/auth/accounts";
import { SignUpForm } from "@/components/auth/sign-up-form";

export const metadata: Metadata = { title: "Create the first account" };

// Public page: open only until the first user exists (the action checks again, under a lock).
export default async function SignUpPage() {
  if (await hasAnyUser(getDb())) {
    return (
      <>
        <h1 className="mb-2 text-xl font-semibold">Sign-up is closed</h1>
        <p className="text-sm text-slate-600">This atlas already has users. Ask a team owner or admin to invite you, then follow the link in the invitation.</p>
        <Link href="/sign-in" className="mt-6 inline-block text-sm font-medium text-brand-700 underline">Go to sign in</Link>
      </>
    );
  }
  return (
    <>
      <h1 className="mb-1 text-xl font-semibold">Create the first account</h1>
      <p className="mb-6 text-sm text-slate-600">You will own the first team and can invite colleagues as owners, admins, analysts or viewers.</p>
      <SignUpForm />
    </>
  );
}
