"use client";

import { cloneElement, isValidElement, useActionState, useId, type ReactElement, type ReactNode } from "react";
import type { ActionResult } from "@/lib/auth/guards";

export type FormAction<T> = (input: FormData) => Promise<ActionResult<T>>;

/** Runs a server action from a form and keeps its result (field errors, message) for display. */
export function useActionForm<T>(action: FormAction<T>, onSuccess?: (data: T, formData: FormData) => void | Promise<void>) {
  return useActionState<ActionResult<T> | null, FormData>(async (_previous, formData) => {
    const result = await action(formData);
    if (result.ok && onSuccess) await onSuccess(result.data, formData);
    return result;
  }, null);
}

const inputClass =
  "block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm placeholder:text-slate-400 focus:border-brand-600 focus:outline-none focus:ring-2 focus:ring-brand-600/30 aria-[invalid=true]:border-rose-500";

export function Field({
  label,
  name,
  type = "text",
  result,
  hint,
  children,
  ...rest
}: {
  label: string;
  name: string;
  type?: string;
  result?: ActionResult<unknown> | null;
  hint?: ReactNode;
  children?: ReactNode;
} & Omit<React.InputHTMLAttributes<HTMLInputElement>, "name" | "type">) {
  const id = useId();
  const errors = result && !result.ok ? result.fieldErrors?.[name] : undefined;
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">{label}</label>
      {children !== undefined ? (
        // A control given as the child (a select, a textarea) gets the label's id, so the label names it
        isValidElement(children) && !(children.props as { id?: string }).id
          ? cloneElement(children as ReactElement<Record<string, unknown>>, {
              id,
              "aria-invalid": errors ? true : undefined,
              "aria-describedby": errors ? `${id}-error` : hint ? `${id}-hint` : undefined,
            })
          : children
      ) : (
        <input
          id={id}
          name={name}
          type={type}
          aria-invalid={errors ? true : undefined}
          aria-describedby={errors ? `${id}-error` : hint ? `${id}-hint` : undefined}
          className={inputClass}
          {...rest}
        />
      )}
      {hint && !errors && <p id={`${id}-hint`} className="text-xs text-slate-500">{hint}</p>}
      {errors && <p id={`${id}-error`} className="text-xs text-rose-700">{errors.join(" ")}</p>}
    </div>
  );
}

export function Select({ name, children, ...rest }: { name: string; children: ReactNode } & React.SelectHTMLAttributes<HTMLSelectElement>) {
  return (
    <select name={name} className={inputClass} {...rest}>
      {children}
    </select>
  );
}

export function TextArea({ name, ...rest }: { name: string } & React.TextareaHTMLAttributes<HTMLTextAreaElement>) {
  return <textarea name={name} className={`${inputClass} min-h-24`} {...rest} />;
}

export function SubmitButton({ pending, children, tone = "primary" }: { pending: boolean; children: ReactNode; tone?: "primary" | "secondary" | "danger" }) {
  const tones = {
    primary: "bg-brand-600 text-white hover:bg-brand-700",
    secondary: "border border-slate-300 bg-white text-slate-800 hover:bg-slate-50",
    danger: "border border-rose-300 bg-white text-rose-700 hover:bg-rose-50",
  };
  return (
    <button type="submit" disabled={pending} aria-busy={pending} className={`inline-flex items-center justify-center gap-2 rounded-md px-4 py-2 text-sm font-medium shadow-sm disabled:opacity-60 ${tones[tone]}`}>
      {pending && <span aria-hidden className="h-3 w-3 animate-spin rounded-full border-2 border-current border-t-transparent" />}
      {children}
    </button>
  );
}

export function FormMessage({ result, success }: { result: ActionResult<unknown> | null; success?: ReactNode }) {
  if (!result) return null;
  if (result.ok) return success ? <p role="status" className="rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-800">{success}</p> : null;
  return <p role="alert" className="rounded-md bg-rose-50 px-3 py-2 text-sm text-rose-800">{result.message}</p>;
}
