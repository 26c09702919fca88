"use client";

import { EMAIL_FREQUENCIES, EMAIL_FREQUENCY_TEXT, EVENT_KIND_TEXT, type EmailFrequency, type EventKind } from "@/lib/alerts/vocabulary";
import { savePreferencesAction } from "@/lib/alerts/actions";
import { FormMessage, SubmitButton, useActionForm } from "@/components/ui/form";
import { Checkbox, Select } from "@/components/ui/input";

/** One row per kind of event: in the app (a checkbox) and by email (a frequency); saved together. */
export function NotificationPreferences({ preferences }: { preferences: { kind: EventKind; inApp: boolean; email: EmailFrequency }[] }) {
  const [result, formAction, pending] = useActionForm(savePreferencesAction);
  return (
    <form action={formAction} className="space-y-4">
      <div className="overflow-x-auto">
        <table className="w-full text-sm">
          <caption className="sr-only">Notification channels per kind of event</caption>
          <thead>
            <tr className="text-left text-xs uppercase tracking-wide text-slate-500">
              <th scope="col" className="py-2 pr-3">Event</th>
              <th scope="col" className="px-3">In the app</th>
              <th scope="col" className="pl-3">By email</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100 align-top">
            {preferences.map((p) => {
              const text = EVENT_KIND_TEXT[p.kind];
              return (
                <tr key={p.kind}>
                  <th scope="row" className="py-3 pr-3 text-left font-normal">
                    <span className="block font-medium text-slate-900">{text.label}</span>
                    <span className="block text-xs text-slate-500">When {text.means}.</span>
                  </th>
                  <td className="px-3 py-3">
                    <Checkbox name={`${p.kind}.inApp`} defaultChecked={p.inApp} label={`${text.label}: in the app`} />
                  </td>
                  <td className="py-3 pl-3">
                    <Select name={`${p.kind}.email`} defaultValue={p.email} aria-label={`${text.label}: by email`} size="sm" full={false}>
                      {EMAIL_FREQUENCIES.map((f) => <option key={f} value={f}>{EMAIL_FREQUENCY_TEXT[f]}</option>)}
                    </Select>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <FormMessage result={result} success="Saved." />
      <SubmitButton pending={pending}>Save</SubmitButton>
    </form>
  );
}
