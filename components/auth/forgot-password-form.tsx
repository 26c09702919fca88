"use client";

import { requestPasswordResetAction } from "@/lib/auth/actions";
import { Field, FormMessage, SubmitButton, useActionForm } from "@/components/ui/form";

export function ForgotPasswordForm() {
  const [result, formAction, pending] = useActionForm(requestPasswordResetAction);
  if (result?.ok) return <FormMessage result={result} success={result.data.message} />;
  return (
    <form action={formAction} className="space-y-4" noValidate>
      <FormMessage result={result} />
      <Field label="Email" name="email" type="email" autoComplete="email" required autoFocus result={result} />
      <SubmitButton pending={pending}>Send a reset link</SubmitButton>
    </form>
  );
}
