"use client";

import { signIn } from "next-auth/react";
import { useRouter, useSearchParams } from "next/navigation";
import { useRef, useState } from "react";
import { Field, SubmitButton } from "@/components/ui/form";
import { safeCallbackPath } from "@/lib/auth/redirect";

const MESSAGES: Record<string, string> = {
  throttled: "Too many sign-in attempts. For your security, wait 15 minutes and try again.",
  CredentialsSignin: "That email and password do not match an account.",
  "mfa-invalid": "That code is not right, or was used already. Enter the current code from your app, or a recovery code.",
  default: "Sign-in failed. Check your email and password and try again.",
};

export function SignInForm({ notice }: { notice?: string }) {
  const router = useRouter();
  const params = useSearchParams();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(params.get("error") ? (MESSAGES[params.get("error")!] ?? MESSAGES.default!) : null);
  // With MFA, a right password leads to a second step; the password is kept only in memory for it
  const credentials = useRef<{ email: string; password: string } | null>(null);
  const [askForCode, setAskForCode] = useState(false);

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setPending(true);
    setError(null);
    const form = new FormData(event.currentTarget);
    if (!askForCode) credentials.current = { email: String(form.get("email") ?? ""), password: String(form.get("password") ?? "") };
    const code = askForCode ? String(form.get("code") ?? "") : undefined;
    const result = await signIn("credentials", { ...credentials.current, ...(code === undefined ? {} : { code }), redirect: false });
    setPending(false);
    if (result?.ok && !result.error) {
      router.push(safeCallbackPath(params.get("callbackUrl")));
      router.refresh();
    } else if (result?.error === "mfa-required") {
      setAskForCode(true);
    } else {
      setError(result?.status === 429 ? MESSAGES.throttled! : (MESSAGES[result?.error ?? ""] ?? MESSAGES.default!));
    }
  }

  if (askForCode) {
    return (
      <form onSubmit={onSubmit} className="space-y-4" noValidate>
        {error && <p role="alert" className="rounded-md bg-rose-50 px-3 py-2 text-sm text-rose-800">{error}</p>}
        <p className="text-sm text-slate-600">Your account uses two-factor sign-in.</p>
        <Field
          label="Code from your authenticator app"
          name="code"
          autoComplete="one-time-code"
          required
          autoFocus
          hint="Or one of your recovery codes, if you do not have your phone."
        />
        <SubmitButton pending={pending}>Verify and sign in</SubmitButton>
      </form>
    );
  }

  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate>
      {notice && <p role="status" className="rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-800">{notice}</p>}
      {error && <p role="alert" className="rounded-md bg-rose-50 px-3 py-2 text-sm text-rose-800">{error}</p>}
      <Field label="Email" name="email" type="email" autoComplete="email" required autoFocus />
      <Field label="Password" name="password" type="password" autoComplete="current-password" required />
      <SubmitButton pending={pending}>Sign in</SubmitButton>
    </form>
  );
}
