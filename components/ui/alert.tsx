import { cn } from "@/components/ui/cn";

// A message about a whole page or form, written once: an error is announced at once
// (role="alert"), an outcome politely (role="status"), a warning is read where it stands
// unless the caller announces it.

const TONES = {
  error: "border-red-200 bg-red-50 text-red-800",
  warning: "border-amber-200 bg-amber-50 text-amber-900",
  success: "border-brand-100 bg-brand-50 text-brand-800",
} as const;

const ROLES = { error: "alert", warning: undefined, success: "status" } as const;

export function Alert({
  tone = "error",
  role = ROLES[tone],
  className,
  children,
}: {
  tone?: keyof typeof TONES;
  role?: "alert" | "status";
  className?: string;
  children: React.ReactNode;
}) {
  return (
    <p role={role} className={cn("rounded-md border px-3 py-2 text-sm", TONES[tone], className)}>
      {children}
    </p>
  );
}
