"use client";

import { useRef } from "react";
import { changePasswordAction } from "@/lib/auth/actions";
import { PASSWORD_HINT } from "@/lib/auth/password-rules";
import { Field, FormMessage, SubmitButton, useActionForm } from "@/components/ui/form";

export function ChangePasswordForm() {
  const form = useRef<HTMLFormElement>(null);
  const [result, formAction, pending] = useActionForm(changePasswordAction, () => form.current?.reset());
  const ended = result?.ok ? result.data.otherSessionsEnded : 0;
  return (
    <form ref={form} action={formAction} className="space-y-3" noValidate>
      <FormMessage result={result} success={`Password changed. ${ended === 1 ? "Your 1 other session was" : `Your ${ended} other sessions were`} signed out.`} />
      <Field label="Current password" name="currentPassword" type="password" autoComplete="current-password" required result={result} />
      <Field label="New password" name="newPassword" type="password" autoComplete="new-password" required result={result} hint={PASSWORD_HINT} />
      <SubmitButton pending={pending}>Change password</SubmitButton>
    </form>
  );
}
