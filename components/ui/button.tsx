"use client";

import { Slot } from "@radix-ui/react-slot";
import { buttonClass, type ButtonSize, type ButtonVariant } from "@/components/ui/button-class";

export type { ButtonVariant };

// The one button, with variants, for <button>s and (asChild) for links that look like
// buttons. Disabled and busy states look the same everywhere.

export function Button({
  variant,
  size,
  asChild = false,
  className,
  type,
  ...props
}: {
  variant?: ButtonVariant;
  size?: ButtonSize;
  /** Render the single child (a Link, say) with the button's look instead of a <button>. */
  asChild?: boolean;
} & React.ComponentProps<"button">) {
  const Component = asChild ? Slot : "button";
  return (
    <Component
      type={asChild ? undefined : (type ?? "button")}
      className={buttonClass({ variant, size, className })}
      {...props}
    />
  );
}
