import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { Suspense } from "react";
import { getDb } from "@/lib/db/client";
import { hasAnyUser } from "@/lib/auth/accounts";
import { optionalPageAuth } from "@/lib/auth/guards";
import { SignInForm } from "@/components/auth/sign-in-form";

export const metadata: Metadata = { title: "Sign in" };

// Public page: signing in is how you get a session.
export default async function SignInPage() {
  if (await optionalPageAuth()) redirect("/");
  const firstRun = !(await hasAnyUser(getDb()));
  return (
    <>
      <h1 className="mb-1 text-xl font-semibold">Sign in</h1>
      <p className="mb-6 text-sm text-slate-600">Use the email and password of your Commissioning Atlas account.</p>
      {firstRun ? (
        <p className="rounded-md bg-brand-50 px-3 py-2 text-sm text-brand-900">
          No one has signed up yet. <Link href="/sign-up" className="font-medium underline">Create the first account</Link> to set up your team.
        </p>
      ) : (
        <>
          <Suspense>
            <SignInForm />
          </Suspense>
          <Link href="/forgot-password" className="mt-4 inline-block text-sm font-medium text-brand-700 underline">Forgot your password?</Link>
        </>
      )}
      <p className="mt-6 text-xs text-slate-500">New colleagues join by invitation from a team owner or admin.</p>
    </>
  );
}
