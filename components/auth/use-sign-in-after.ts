"use client";

import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";

/** After an action that set a password (joining, a reset), signs this browser in with it and goes home. */
export function useSignInAfter() {
  const router = useRouter();
  return async (email: unknown, password: unknown) => {
    const signedIn = await signIn("credentials", { email, password, redirect: false });
    router.push(signedIn?.ok ? "/" : "/sign-in");
    router.refresh();
  };
}
