import type { Metadata } from "next";
import Link from "next/link";
import { EMAIL_NOT_CONFIGURED_MESSAGE, PASSWORD_RESET_MINUTES } from "@/lib/auth/password-reset";
import { emailConfigured } from "@/lib/email/transport";
import { ForgotPasswordForm } from "@/components/auth/forgot-password-form";

export const metadata: Metadata = { title: "Forgot your password" };

// Public page: asking for a link answers the same whether or not the email has an account.
export default function ForgotPasswordPage() {
  return (
    <>
      <h1 className="mb-1 text-xl font-semibold">Forgot your password?</h1>
      {emailConfigured() ? (
        <>
          <p className="mb-6 text-sm text-slate-600">Enter the email of your account. We will send a link to choose a new password; it works once, for {PASSWORD_RESET_MINUTES} minutes.</p>
          <ForgotPasswordForm />
        </>
      ) : (
        <p role="status" className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">{EMAIL_NOT_CONFIGURED_MESSAGE}</p>
      )}
      <Link href="/sign-in" className="mt-6 inline-block text-sm font-medium text-brand-700 underline">Back to sign in</Link>
    </>
  );
}
