"use client";

import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { acceptInvitationAction } from "@/lib/auth/actions";
import { Field, FormMessage, SubmitButton, useActionForm } from "@/components/ui/form";

export function AcceptInvitationForm({ token, email, existingUser }: { token: string; email: string; existingUser: boolean }) {
  const router = useRouter();
  const [result, formAction, pending] = useActionForm(acceptInvitationAction, async (data, form) => {
    const signedIn = await signIn("credentials", { email: data.email, password: form.get("password"), redirect: false });
    router.push(signedIn?.ok ? "/" : "/sign-in");
    router.refresh();
  });
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
        hint={existingUser ? "You already have an account: confirm it to join this team." : "At least 12 characters."}
      />
      <SubmitButton pending={pending}>Join the team</SubmitButton>
    </form>
  );
}
