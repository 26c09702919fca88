"use client";

import { cloneElement, isValidElement, useActionState, useId, type ReactElement, type ReactNode } from "react";
import type { ActionResult } from "@/lib/auth/guards";
import { Button } from "./button";
import { Input, Label } from "./input";
import { useWithActiveTeam } from "./active-team";

export type FormAction<T> = (input: FormData) => Promise<ActionResult<T>>;

/** Runs a server action from a form, with the page's team added, and keeps its result (field errors, message) for display. */
export function useActionForm<T>(action: FormAction<T>, onSuccess?: (data: T, formData: FormData) => void | Promise<void>) {
  const withTeam = useWithActiveTeam();
  return useActionState<ActionResult<T> | null, FormData>(async (_previous, formData) => {
    const result = await withTeam(action)(formData);
    if (result.ok && onSuccess) await onSuccess(result.data, formData);
    return result;
  }, null);
}

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
} & Omit<React.InputHTMLAttributes<HTMLInputElement>, "name" | "type" | "size">) {
  const id = useId();
  const errors = result && !result.ok ? result.fieldErrors?.[name] : undefined;
  return (
    <div className="space-y-1">
      <Label htmlFor={id}>{label}</Label>
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
        <Input
          id={id}
          name={name}
          type={type}
          aria-invalid={errors ? true : undefined}
          aria-describedby={errors ? `${id}-error` : hint ? `${id}-hint` : undefined}
          {...rest}
        />
      )}
      {hint && !errors && <p id={`${id}-hint`} className="text-xs text-slate-500">{hint}</p>}
      {errors && <p id={`${id}-error`} className="text-xs text-rose-700">{errors.join(" ")}</p>}
    </div>
  );
}

export function SubmitButton({ pending, children, tone = "primary" }: { pending: boolean; children: ReactNode; tone?: "primary" | "secondary" | "danger" }) {
  return (
    <Button type="submit" variant={tone} disabled={pending} pending={pending}>
      {children}
    </Button>
  );
}

export function FormMessage({ result, success }: { result: ActionResult<unknown> | null; success?: ReactNode }) {
  if (!result) return null;
  if (result.ok) return success ? <p role="status" className="rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-800">{success}</p> : null;
  return <p role="alert" className="rounded-md bg-rose-50 px-3 py-2 text-sm text-rose-800">{result.message}</p>;
}
