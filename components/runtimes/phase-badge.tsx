import type { RuntimePhase } from "@/lib/runtimes/list-runtimes";

const styles: Record<RuntimePhase, { className: string; dot: string }> = {
  Running: { className: "border-brand-100 bg-brand-50 text-brand-800", dot: "bg-brand-600" },
  Starting: { className: "border-sky-200 bg-sky-50 text-sky-800", dot: "bg-sky-500 animate-pulse" },
  Updating: { className: "border-sky-200 bg-sky-50 text-sky-800", dot: "bg-sky-500 animate-pulse" },
  Stopped: { className: "border-slate-200 bg-slate-100 text-slate-700", dot: "bg-slate-400" },
  Suspended: { className: "border-amber-200 bg-amber-50 text-amber-900", dot: "bg-amber-500" },
  Deleting: { className: "border-slate-200 bg-slate-100 text-slate-700", dot: "bg-slate-400 animate-pulse" },
  Failing: { className: "border-red-200 bg-red-50 text-red-800", dot: "bg-red-600" },
};

/** The runtime's phase as a word with a coloured dot (the word carries the meaning). */
export function PhaseBadge({ phase }: { phase: RuntimePhase }) {
  const style = styles[phase];
  return (
    <span
      className={`inline-flex items-center gap-1.5 rounded-full border px-2 py-0.5 text-xs font-medium whitespace-nowrap ${style.className}`}
    >
      <span aria-hidden="true" className={`size-1.5 rounded-full ${style.dot}`} />
      {phase}
    </span>
  );
}
