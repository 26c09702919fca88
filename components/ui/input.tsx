// Form controls: Input, Select, Textarea and Checkbox, in one look (border, focus ring, invalid and
// disabled states) and a few sizes. Labels stay with the caller (or Field in ./form.tsx), so every
// control keeps the name it has today. No hooks, so server components render them as plain HTML.
import type { InputHTMLAttributes, LabelHTMLAttributes, SelectHTMLAttributes, TextareaHTMLAttributes } from "react";

export type ControlSize = "md" | "sm" | "xs" | "compact";

const CONTROL =
  "rounded-md border border-slate-300 bg-white text-slate-900 shadow-sm placeholder:text-slate-400 focus:border-brand-600 focus:outline-none focus:ring-2 focus:ring-brand-600/30 aria-[invalid=true]:border-rose-500 disabled:bg-slate-50 disabled:text-slate-400";
const SIZES: Record<ControlSize, string> = {
  /** Forms */
  md: "px-3 py-2 text-sm",
  /** Filter panels and popovers */
  sm: "px-2.5 py-1.5 text-sm",
  /** Toolbars: page size, bulk actions */
  xs: "px-2 py-1 text-sm",
  /** Inside a dense table */
  compact: "px-2 py-1 text-[13px]",
};

type Look = {
  size?: ControlSize;
  /** A block as wide as its container (the default); false leaves the width to className */
  full?: boolean;
  className?: string;
};

export function controlClass({ size = "md", full = true, className }: Look = {}): string {
  return [full ? "block w-full" : "", CONTROL, SIZES[size], className].filter(Boolean).join(" ");
}

/** A control's visible name, above it. */
export function Label({ className, ...rest }: LabelHTMLAttributes<HTMLLabelElement>) {
  return <label className={className ? `block text-sm font-medium text-slate-800 ${className}` : "block text-sm font-medium text-slate-800"} {...rest} />;
}

export type InputProps = Omit<InputHTMLAttributes<HTMLInputElement>, "size"> & Look;

export function Input({ size, full, className, ...rest }: InputProps) {
  return <input className={controlClass({ size, full, className })} {...rest} />;
}

export function Select({ size, full, className, ...rest }: Omit<SelectHTMLAttributes<HTMLSelectElement>, "size"> & Look) {
  return <select className={controlClass({ size, full, className })} {...rest} />;
}

export function Textarea({ size, full, className, ...rest }: TextareaHTMLAttributes<HTMLTextAreaElement> & Look) {
  return <textarea className={controlClass({ size, full, className })} {...rest} />;
}

/** A checkbox; `label` names it when no <label> wraps it; `indeterminate` for "some of them". */
export function Checkbox({ label, indeterminate, checked, className, ...rest }: Omit<InputHTMLAttributes<HTMLInputElement>, "type"> & { label?: string; indeterminate?: boolean }) {
  return (
    <input
      type="checkbox"
      aria-label={label}
      checked={checked}
      className={`h-4 w-4 shrink-0 cursor-pointer rounded border-slate-300 accent-brand-600 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600 disabled:cursor-not-allowed ${className ?? ""}`}
      ref={
        indeterminate === undefined
          ? undefined
          : (el) => {
              if (el) el.indeterminate = indeterminate && !checked;
            }
      }
      {...rest}
    />
  );
}
