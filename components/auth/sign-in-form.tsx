"use client";

import { signIn } from "next-auth/react";
import { useRouter, useSearchParams } from "next/navigation";
import { useState } from "react";
import { Field, SubmitButton } from "@/components/ui/form";
import { safeCallbackPath } from "@/lib/auth/redirect";

const MESSAGES: Record<string, string> = {
  throttled: "Too many sign-in attempts. For your security, wait 15 minutes and try again.",
  CredentialsSignin: "That email and password do not match an account.",
  default: "Sign-in failed. Check your email and password and try again.",
};

export function SignInForm({ notice }: { notice?: string }) {
  const router = useRouter();
  const params = useSearchParams();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(params.get("error") ? (MESSAGES[params.get("error")!] ?? MESSAGES.default!) : null);

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setPending(true);
    setError(null);
    const form = new FormData(event.currentTarget);
    const result = await signIn("credentials", { email: form.get("email"), password: form.get("password"), redirect: false });
    setPending(false);
    if (result?.ok && !result.error) {
      router.push(safeCallbackPath(params.get("callbackUrl")));
      router.refresh();
    } else {
      setError(result?.status === 429 ? MESSAGES.throttled! : (MESSAGES[result?.error ?? ""] ?? MESSAGES.default!));
    }
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
