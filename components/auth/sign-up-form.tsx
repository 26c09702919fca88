"use client";

import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { signUpAction } from "@/lib/auth/actions";
import { PASSWORD_HINT } from "@/lib/auth/password-rules";
import { Field, FormMessage, SubmitButton, useActionForm } from "@/components/ui/form";

export function SignUpForm() {
  const router = useRouter();
  // Once the account exists, sign straight in with the same credentials
  const [result, formAction, pending] = useActionForm(signUpAction, async (_data, form) => {
    const signedIn = await signIn("credentials", { email: form.get("email"), password: form.get("password"), redirect: false });
    router.push(signedIn?.ok ? "/" : "/sign-in");
    router.refresh();
  });
  return (
    <form action={formAction} className="space-y-4" noValidate>
      <FormMessage result={result} />
      <Field label="Your name" name="name" autoComplete="name" required result={result} />
      <Field label="Work email" name="email" type="email" autoComplete="email" required result={result} />
      <Field label="Password" name="password" type="password" autoComplete="new-password" required result={result} hint={PASSWORD_HINT} />
      <Field label="Team name" name="teamName" required result={result} hint="Your sales or bid team; you can invite colleagues next." />
      <SubmitButton pending={pending}>Create account and team</SubmitButton>
    </form>
  );
}
