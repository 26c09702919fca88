"use client";

import { acceptInvitationAction } from "@/lib/auth/actions";
import { PASSWORD_HINT } from "@/lib/auth/password-rules";
import { Field, FormMessage, SubmitButton, useActionForm } from "@/components/ui/form";
import { useSignInAfter } from "@/components/auth/use-sign-in-after";

export function AcceptInvitationForm({ token, email, existingUser }: { token: string; email: string; existingUser: boolean }) {
  const signInAfter = useSignInAfter();
  const [result, formAction, pending] = useActionForm(acceptInvitationAction, (data, form) => signInAfter(data.email, form.get("password")));
  return (
    <form action={formAction} className="space-y-4" noValidate>
      <input type="hidden" name="token" value={token} />
      <FormMessage result={result} />
      <Field label="Email" name="email-display" value={email} readOnly disabled />
      {!existingUser && <Field label="Your name" name="name" autoComplete="name" required result={result} />}
      <Field
        label={existingUser ? "Your password" : "Choose a password"}
        name="password"
        type="password"
        autoComplete={existingUser ? "current-password" : "new-password"}
        required
        result={result}
        hint={existingUser ? "You already have an account: confirm it to join this team." : PASSWORD_HINT}
      />
      <SubmitButton pending={pending}>Join the team</SubmitButton>
    </form>
  );
}
