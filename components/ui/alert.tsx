import { cn } from "@/components/ui/cn";

// A message about a whole page or form, written once: an error is announced at once
// (role="alert"), an outcome politely (role="status").

const TONES = {
  error: "border-red-200 bg-red-50 text-red-800",
  success: "border-brand-100 bg-brand-50 text-brand-800",
} as const;

export function Alert({
  tone = "error",
  className,
  children,
}: {
  tone?: keyof typeof TONES;
  className?: string;
  children: React.ReactNode;
}) {
  return (
    <p
      role={tone === "error" ? "alert" : "status"}
      className={cn("rounded-md border px-3 py-2 text-sm", TONES[tone], className)}
    >
      {children}
    </p>
  );
}
