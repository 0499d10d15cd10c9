import { buttonClass, type ButtonSize, type ButtonVariant } from "@/components/ui/button-class";

export type { ButtonVariant };

// The one button, with variants, for <button>s. A link that looks like a button is a link
// with buttonClass (button-class.ts), so no slot component's code ships to the browser.
// Disabled and busy states look the same everywhere.

export function Button({
  variant,
  size,
  className,
  type,
  ...props
}: {
  variant?: ButtonVariant;
  size?: ButtonSize;
} & React.ComponentProps<"button">) {
  return <button type={type ?? "button"} className={buttonClass({ variant, size, className })} {...props} />;
}
