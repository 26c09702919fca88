// Buttons, and links that look like buttons: one set of variants and sizes for the whole app.
// No hooks, so server components render them as plain HTML.
import type { ButtonHTMLAttributes } from "react";

export type ButtonVariant = "primary" | "secondary" | "danger" | "link";
export type ButtonSize = "xs" | "sm" | "md" | "inline";

const BOX = "inline-flex items-center gap-2";
const VARIANTS: Record<ButtonVariant, string> = {
  primary: `${BOX} bg-brand-600 text-white shadow-sm hover:bg-brand-700`,
  secondary: `${BOX} border border-slate-300 bg-white text-slate-800 shadow-sm hover:bg-slate-50`,
  danger: `${BOX} border border-rose-300 bg-white text-rose-700 shadow-sm hover:bg-rose-50`,
  link: "text-brand-700 underline underline-offset-2 hover:text-brand-900",
};
const SIZES: Record<ButtonSize, string> = {
  xs: "rounded px-2 py-1 text-xs",
  sm: "rounded-md px-3 py-1.5 text-sm",
  md: "rounded-md px-4 py-2 text-sm",
  /** A link-like button in running text: no padding, the text's own size */
  inline: "rounded",
};

export const focusRingClass = "focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600";

/** The classes of a button, for an <a>, a Link or a <summary> that should look like one. */
export function buttonClass({ variant = "primary", size = variant === "link" ? "inline" : "md" }: { variant?: ButtonVariant; size?: ButtonSize } = {}): string {
  return `${VARIANTS[variant]} ${SIZES[size]} font-medium ${focusRingClass} disabled:cursor-not-allowed disabled:opacity-60 aria-disabled:opacity-60`;
}

/** The spinner of a busy button or count. */
export function Spinner() {
  return <span aria-hidden className="h-3 w-3 animate-spin rounded-full border-2 border-current border-t-transparent" />;
}

export type ButtonProps = ButtonHTMLAttributes<HTMLButtonElement> & {
  variant?: ButtonVariant;
  size?: ButtonSize;
  /** Shows a spinner and sets aria-busy; the caller decides whether it also disables */
  pending?: boolean;
};

export function Button({ variant, size, pending, className, type = "button", children, ...rest }: ButtonProps) {
  return (
    <button type={type} aria-busy={pending} className={className ? `${buttonClass({ variant, size })} ${className}` : buttonClass({ variant, size })} {...rest}>
      {pending && <Spinner />}
      {children}
    </button>
  );
}
