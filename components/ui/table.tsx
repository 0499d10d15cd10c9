import { cn } from "@/components/ui/cn";

// Tables: a bordered, horizontally scrolling frame, a header row style and cells. Plain
// markup with no hooks, so server pages and client views both render them.

export function Table({
  caption,
  className,
  frame = "card",
  children,
}: {
  /** Read by screen readers; not shown. */
  caption?: React.ReactNode;
  className?: string;
  /** "card": a white rounded panel; "plain": a border only (inside a card). */
  frame?: "card" | "plain";
  children: React.ReactNode;
}) {
  return (
    <div
      className={cn("overflow-x-auto border border-slate-200", frame === "card" ? "rounded-xl bg-white" : "rounded-lg")}
    >
      <table className={cn("w-full text-left text-sm", className)}>
        {caption ? <caption className="sr-only">{caption}</caption> : null}
        {children}
      </table>
    </div>
  );
}

export function TableHead({ children, className }: { children: React.ReactNode; className?: string }) {
  return <thead className={cn("border-b border-slate-200 bg-slate-50 text-slate-600", className)}>{children}</thead>;
}

export function Th({ className, ...props }: React.ThHTMLAttributes<HTMLTableCellElement>) {
  return <th scope="col" className={cn("px-4 py-2 font-medium whitespace-nowrap", className)} {...props} />;
}

export function Td({ className, ...props }: React.TdHTMLAttributes<HTMLTableCellElement>) {
  return <td className={cn("px-4 py-2", className)} {...props} />;
}
