import { cn } from "@/components/ui/cn";

// The one button look, with variants: Button (button.tsx) uses it, and server pages put it on
// links and plain elements (buttonClass): a link that looks like a button is a link with it.

const VARIANTS = {
  primary: "bg-brand-700 text-white hover:bg-brand-800",
  secondary: "border border-slate-300 bg-white text-slate-800 hover:bg-slate-50",
  danger: "bg-red-600 text-white hover:bg-red-700",
  "danger-outline": "border border-red-300 bg-white text-red-700 hover:bg-red-50",
  /** A quiet row action that turns red on hover (remove a row). */
  remove: "border border-slate-300 bg-white text-slate-700 hover:border-red-300 hover:bg-red-50 hover:text-red-700",
  link: "text-brand-700 hover:underline",
} as const;

const SIZES = {
  md: "px-4 py-2",
  sm: "px-3 py-1.5",
  /** As tall as an input, for buttons beside one. */
  field: "px-3 py-2",
} as const;

export type ButtonSize = keyof typeof SIZES;

export type ButtonVariant = keyof typeof VARIANTS;

export function buttonClass({
  variant = "primary",
  size = "md",
  className,
}: { variant?: ButtonVariant; size?: ButtonSize; className?: string } = {}): string {
  return cn(
    "text-sm font-medium disabled:cursor-not-allowed disabled:opacity-60",
    variant === "link" ? "" : cn("rounded-md shadow-xs", SIZES[size]),
    VARIANTS[variant],
    className,
  );
}
