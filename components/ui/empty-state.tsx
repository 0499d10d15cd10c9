import { cn } from "@/components/ui/cn";

/** What a list says while it has nothing to show, and how to change that. */
export function EmptyState({
  children,
  align = "start",
  className,
}: {
  children: React.ReactNode;
  align?: "start" | "center";
  className?: string;
}) {
  return (
    <div
      className={cn(
        "rounded-xl border border-dashed border-slate-300 bg-white text-sm text-slate-600",
        align === "center" ? "px-4 py-8 text-center" : "p-6",
        className,
      )}
    >
      {children}
    </div>
  );
}
