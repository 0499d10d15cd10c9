import { Slot } from "@radix-ui/react-slot";
import { cn } from "@/components/ui/cn";

// The one button, with variants, for <button>s and (asChild) for links that look like
// buttons. Disabled and busy states look the same everywhere.

const VARIANTS = {
  primary: "bg-brand-600 text-white hover:bg-brand-700",
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
} as const;

export type ButtonVariant = keyof typeof VARIANTS;

export function buttonClass({
  variant = "primary",
  size = "md",
  className,
}: { variant?: ButtonVariant; size?: keyof typeof SIZES; className?: string } = {}): string {
  return cn(
    "text-sm font-medium disabled:cursor-not-allowed disabled:opacity-60",
    variant === "link" ? "" : cn("rounded-md shadow-xs", SIZES[size]),
    VARIANTS[variant],
    className,
  );
}

export function Button({
  variant,
  size,
  asChild = false,
  className,
  type,
  ...props
}: {
  variant?: ButtonVariant;
  size?: keyof typeof SIZES;
  /** Render the single child (a Link, say) with the button's look instead of a <button>. */
  asChild?: boolean;
} & React.ButtonHTMLAttributes<HTMLButtonElement>) {
  const Component = asChild ? Slot : "button";
  return (
    <Component
      type={asChild ? undefined : (type ?? "button")}
      className={buttonClass({ variant, size, className })}
      {...props}
    />
  );
}
