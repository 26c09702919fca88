"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { confirmMfaEnrolmentAction, disableMfaAction, setTeamRequireMfaAction, startMfaEnrolmentAction } from "@/lib/auth/actions";
import type { ActionResult } from "@/lib/auth/guards";
import { formatDate } from "@/lib/format";
import { Button } from "@/components/ui/button";
import { Field, FormMessage, SubmitButton, useActionForm } from "@/components/ui/form";
import { useReauthentication } from "@/components/auth/reauthentication";

type Enrolment = { secret: string; uri: string; qrCode: string };

/** The 10 recovery codes, shown once, right after enrolment. */
function RecoveryCodes({ codes, onSaved }: { codes: string[]; onSaved: () => void }) {
  return (
    <div role="status" className="space-y-3 rounded-md border border-amber-200 bg-amber-50 p-3 text-sm">
      <p className="font-medium text-emerald-800">Two-factor sign-in is on.</p>
      <p className="font-medium text-amber-900">Keep these recovery codes somewhere safe: each signs you in once if you lose your phone, and they will not be shown again.</p>
      <ul className="grid grid-cols-2 gap-1 font-mono text-sm" data-testid="mfa-recovery-codes">
        {codes.map((code) => <li key={code}>{code}</li>)}
      </ul>
      <Button variant="secondary" size="sm" onClick={onSaved}>I have saved them</Button>
    </div>
  );
}

/** Enrolment: the QR code and the secret, then a first code to confirm. */
function EnrolMfa({ onEnabled }: { onEnabled: (recoveryCodes: string[]) => void }) {
  const [enrolment, setEnrolment] = useState<Enrolment | null>(null);
  const [startResult, setStartResult] = useState<ActionResult<Enrolment> | null>(null);
  const [starting, startTransition] = useTransition();
  // Changing MFA needs the password entered in the last 10 minutes: the dialog asks, then retries
  const reauth = useReauthentication();
  const [confirmResult, confirmAction, confirming] = useActionForm(reauth.guard(confirmMfaEnrolmentAction), (data) => onEnabled(data.recoveryCodes));

  if (!enrolment) {
    return (
      <div className="space-y-3">
        {reauth.dialog}
        <p className="text-sm text-slate-600">Sign in with your password and a code from an authenticator app (any app that supports TOTP, RFC 6238).</p>
        {startResult && <FormMessage result={startResult} />}
        <Button
          pending={starting}
          disabled={starting}
          onClick={() =>
            startTransition(async () => {
              const result = await reauth.guard(startMfaEnrolmentAction)({});
              setStartResult(result);
              if (result.ok) setEnrolment(result.data);
            })
          }
        >
          Set up two-factor sign-in
        </Button>
      </div>
    );
  }
  return (
    <div className="space-y-4">
      {reauth.dialog}
      <p className="text-sm text-slate-600">Scan this code with your authenticator app, or type the secret into it.</p>
      {/* eslint-disable-next-line @next/next/no-img-element -- a data URL made on the server, not an image to optimise */}
      <img src={enrolment.qrCode} alt="QR code of your two-factor secret" width={192} height={192} className="rounded border border-slate-200 bg-white" />
      <div className="text-sm">
        <p className="text-slate-600">Secret (base32)</p>
        <code className="block break-all rounded bg-slate-50 px-2 py-1 font-mono" data-testid="mfa-secret">{enrolment.secret}</code>
      </div>
      <form action={confirmAction} className="flex flex-wrap items-end gap-3">
        <div className="w-40">
          <Field label="Code from the app" name="code" inputMode="numeric" autoComplete="one-time-code" pattern="[0-9 ]*" required result={confirmResult} />
        </div>
        <SubmitButton pending={confirming}>Turn on</SubmitButton>
      </form>
      <FormMessage result={confirmResult} />
    </div>
  );
}

function DisableMfa({ enabledAt, recoveryCodesLeft }: { enabledAt: string; recoveryCodesLeft: number }) {
  const reauth = useReauthentication();
  const [result, formAction, pending] = useActionForm(reauth.guard(disableMfaAction));
  return (
    <div className="space-y-4">
      {reauth.dialog}
      <p className="text-sm">
        On since {formatDate(enabledAt)}. {recoveryCodesLeft} of 10 recovery codes left{recoveryCodesLeft < 3 ? ": turn two-factor sign-in off and on again for new ones." : "."}
      </p>
      <form action={formAction} className="space-y-3">
        <p className="text-sm text-slate-600">To turn it off, enter your password and a code from the app (or a recovery code).</p>
        <Field label="Password" name="password" type="password" autoComplete="current-password" required result={result} />
        <Field label="Code" name="code" autoComplete="one-time-code" required result={result} />
        <SubmitButton pending={pending} tone="danger">Turn off two-factor sign-in</SubmitButton>
      </form>
      <FormMessage result={result} />
    </div>
  );
}

export function MfaSettings({ enabledAt, recoveryCodesLeft }: { enabledAt: string | null; recoveryCodesLeft: number }) {
  const router = useRouter();
  // Held here, not in the enrolment form: enabling re-renders the page as "on", and the codes must
  // stay on screen until the user says they have saved them
  const [recoveryCodes, setRecoveryCodes] = useState<string[] | null>(null);
  if (recoveryCodes) {
    return (
      <RecoveryCodes
        codes={recoveryCodes}
        onSaved={() => {
          setRecoveryCodes(null);
          router.refresh();
        }}
      />
    );
  }
  return enabledAt ? <DisableMfa enabledAt={enabledAt} recoveryCodesLeft={recoveryCodesLeft} /> : <EnrolMfa onEnabled={setRecoveryCodes} />;
}

/** For owners in team settings: require every member to sign in with a second factor. */
export function RequireMfaToggle({ required, ownerHasMfa }: { required: boolean; ownerHasMfa: boolean }) {
  const reauth = useReauthentication();
  const [result, formAction, pending] = useActionForm(reauth.guard(setTeamRequireMfaAction));
  // The dialog has its own form, so it sits beside this one, not inside
  return (
    <>
      {reauth.dialog}
      <form action={formAction} className="space-y-3">
        <input type="hidden" name="required" value={required ? "false" : "true"} />
        <p className="text-sm">
          {required
            ? "Every member signs in with a second factor; a member without one is led to set it up and cannot use the team's pages or API until they do."
            : "Members may sign in with a password alone."}
        </p>
        {!required && !ownerHasMfa && <p className="text-sm text-slate-600">Turn on two-factor sign-in for yourself first, in Settings → Security.</p>}
        <SubmitButton pending={pending} tone={required ? "secondary" : "primary"}>{required ? "Stop requiring two-factor sign-in" : "Require two-factor sign-in"}</SubmitButton>
        <FormMessage result={result} />
      </form>
    </>
  );
}
