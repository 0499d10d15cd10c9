import { cn } from "@/components/ui/cn";

// What a list says while it has nothing to show, and how to change that: a line of text, or
// (with a title) a centred panel with an optional action.

const FRAME = "rounded-xl border border-dashed border-slate-300 bg-white text-sm text-slate-600";

export function EmptyState({
  title,
  action,
  align = "start",
  children,
}: {
  title?: string;
  /** The way out of the empty state (a button or link), under the text. */
  action?: React.ReactNode;
  align?: "start" | "center";
  children: React.ReactNode;
}) {
  if (!title) return <p className={cn(FRAME, align === "center" ? "px-4 py-8 text-center" : "p-6")}>{children}</p>;
  return (
    <section className={cn(FRAME, "flex flex-col items-center gap-3 p-10 text-center")}>
      <h3 className="text-base font-semibold text-slate-900">{title}</h3>
      <p className="max-w-md">{children}</p>
      {action}
    </section>
  );
}
