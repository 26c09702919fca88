"use client";

import { resetPasswordAction } from "@/lib/auth/actions";
import { PASSWORD_HINT } from "@/lib/auth/password-rules";
import { Field, FormMessage, SubmitButton, useActionForm } from "@/components/ui/form";
import { useSignInAfter } from "@/components/auth/use-sign-in-after";

export function ResetPasswordForm({ token }: { token: string }) {
  const signInAfter = useSignInAfter();
  // The reset ended every session; sign this browser straight in with the new password
  const [result, formAction, pending] = useActionForm(resetPasswordAction, (data, form) => signInAfter(data.email, form.get("password")));
  return (
    <form action={formAction} className="space-y-4" noValidate>
      <input type="hidden" name="token" value={token} />
      <FormMessage result={result} success="Your password is changed. Signing you in…" />
      <Field label="New password" name="password" type="password" autoComplete="new-password" required autoFocus result={result} hint={PASSWORD_HINT} />
      <SubmitButton pending={pending}>Set the new password</SubmitButton>
    </form>
  );
}
