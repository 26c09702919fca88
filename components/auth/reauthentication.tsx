"use client";

// Sensitive actions answer "reauthentication-required" when this session's password is more than 10
// minutes old (lib/auth/reauth.ts). useReauthentication() wraps such an action, or an API call: on that
// answer it asks for the password in a modal dialog, checks it with reauthenticateAction, and retries
// the call once, each try carrying the page's team (components/ui/active-team.tsx). Render `dialog`
// once in the component that uses it.
import { useCallback, useId, useRef, useState, type KeyboardEvent, type ReactNode } from "react";
import { reauthenticateAction } from "@/lib/auth/actions";
import type { ActionResult } from "@/lib/auth/guards";
import { Field, FormMessage, SubmitButton } from "@/components/ui/form";
import { Button } from "@/components/ui/button";
import { useWithActiveTeam } from "@/components/ui/active-team";

export const REAUTHENTICATION_REQUIRED = "reauthentication-required";

const FOCUSABLE = 'button:not([disabled]), input:not([disabled]), a[href], [tabindex]:not([tabindex="-1"])';

type Resolve = (confirmed: boolean) => void;

export function useReauthentication(): {
  /** The action, retried once after the password is confirmed; cancelling returns the refusal */
  guard: <I, T>(action: (input: I) => Promise<ActionResult<T>>) => (input: I) => Promise<ActionResult<T>>;
  /** fetch, for API calls: a 403 "reauthentication-required" asks for the password and sends the request again */
  guardedFetch: (input: string, init?: RequestInit) => Promise<Response>;
  dialog: ReactNode;
} {
  const pending = useRef<Resolve | null>(null);
  const [open, setOpen] = useState(false);

  const ask = useCallback(
    () =>
      new Promise<boolean>((resolve) => {
        pending.current = resolve;
        setOpen(true);
      }),
    [],
  );
  const settle = useCallback((confirmed: boolean) => {
    pending.current?.(confirmed);
    pending.current = null;
    setOpen(false);
  }, []);

  const withTeam = useWithActiveTeam();
  const guard = useCallback(
    <I, T>(action: (input: I) => Promise<ActionResult<T>>) =>
      async (input: I): Promise<ActionResult<T>> => {
        const call = withTeam(action);
        const result = await call(input);
        if (result.ok || result.code !== REAUTHENTICATION_REQUIRED) return result;
        return (await ask()) ? call(input) : result;
      },
    [ask, withTeam],
  );

  const guardedFetch = useCallback(
    async (input: string, init?: RequestInit) => {
      const response = await fetch(input, init);
      if (response.status !== 403) return response;
      const body = (await response.clone().json().catch(() => null)) as { error?: { code?: string } } | null;
      if (body?.error?.code !== REAUTHENTICATION_REQUIRED) return response;
      return (await ask()) ? fetch(input, init) : response;
    },
    [ask],
  );

  return { guard, guardedFetch, dialog: open ? <PasswordDialog onDone={settle} /> : null };
}

function PasswordDialog({ onDone }: { onDone: (confirmed: boolean) => void }) {
  const withTeam = useWithActiveTeam();
  const id = useId();
  const [result, setResult] = useState<ActionResult | null>(null);
  const [checking, setChecking] = useState(false);
  const opened = useRef(false);

  // A modal <dialog> makes the rest of the page inert and closes on Escape (its cancel event)
  const attach = useCallback((dialog: HTMLDialogElement | null) => {
    if (dialog && !opened.current) {
      opened.current = true;
      dialog.showModal();
    }
  }, []);

  // Tab and Shift+Tab cycle inside the dialog instead of leaving it for the browser's own controls
  const trapFocus = (event: KeyboardEvent<HTMLDialogElement>) => {
    if (event.key !== "Tab") return;
    const items = [...event.currentTarget.querySelectorAll<HTMLElement>(FOCUSABLE)];
    const first = items[0];
    const last = items[items.length - 1];
    if (event.shiftKey && document.activeElement === first) {
      event.preventDefault();
      last?.focus();
    } else if (!event.shiftKey && document.activeElement === last) {
      event.preventDefault();
      first?.focus();
    }
  };

  const submit = async (formData: FormData) => {
    setChecking(true);
    const outcome = await withTeam(reauthenticateAction)(formData);
    setChecking(false);
    if (outcome.ok) onDone(true);
    else setResult(outcome);
  };

  return (
    <dialog
      ref={attach}
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-why`}
      onCancel={(event) => {
        event.preventDefault();
        onDone(false);
      }}
      onKeyDown={trapFocus}
      className="m-auto w-full max-w-sm rounded-lg border border-slate-200 bg-white p-5 shadow-xl backdrop:bg-slate-900/40"
    >
      <h2 id={`${id}-title`} className="text-base font-semibold text-slate-900">Confirm it is you</h2>
      <p id={`${id}-why`} className="mt-1 text-sm text-slate-600">
        This needs your password again: it was last entered more than 10 minutes ago. Then it carries on where you were.
      </p>
      <form action={submit} className="mt-4 space-y-3">
        <Field label="Password" name="password" type="password" autoComplete="current-password" required autoFocus result={result} />
        <FormMessage result={result && !result.ok && !result.fieldErrors ? result : null} />
        <div className="flex justify-end gap-2">
          <Button type="button" variant="secondary" onClick={() => onDone(false)}>Cancel</Button>
          <SubmitButton pending={checking}>Confirm</SubmitButton>
        </div>
      </form>
    </dialog>
  );
}
