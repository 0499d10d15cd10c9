import { cn } from "@/components/ui/cn";

// A short state word in a pill. The word carries the meaning; the tone (and the optional
// dot) only helps the eye. What each domain state looks like is in components/ui/states.ts.

const TONES = {
  success: { pill: "border-brand-100 bg-brand-50 text-brand-800", dot: "bg-brand-600" },
  warning: { pill: "border-amber-200 bg-amber-50 text-amber-800", dot: "bg-amber-500" },
  danger: { pill: "border-red-200 bg-red-50 text-red-800", dot: "bg-red-600" },
  info: { pill: "border-sky-200 bg-sky-50 text-sky-800", dot: "bg-sky-500" },
  neutral: { pill: "border-slate-200 bg-slate-100 text-slate-700", dot: "bg-slate-400" },
  quiet: { pill: "border-slate-200 bg-slate-50 text-slate-700", dot: "bg-slate-400" },
} as const;

export type BadgeTone = keyof typeof TONES;

export function Badge({
  tone = "neutral",
  dot,
  weight = "medium",
  children,
}: {
  tone?: BadgeTone;
  /** A coloured dot before the word; "pulse" while something is in progress. */
  dot?: boolean | "pulse";
  weight?: "medium" | "normal";
  children: React.ReactNode;
}) {
  return (
    <span
      className={cn(
        "inline-flex items-center gap-1.5 rounded-full border px-2 py-0.5 text-xs whitespace-nowrap",
        weight === "medium" && "font-medium",
        TONES[tone].pill,
      )}
    >
      {dot ? (
        <span
          aria-hidden="true"
          className={cn("size-1.5 rounded-full", TONES[tone].dot, dot === "pulse" && "animate-pulse")}
        />
      ) : null}
      {children}
    </span>
  );
}

export interface BadgeState {
  tone: BadgeTone;
  /** The word shown; the state itself when absent. */
  label?: string;
  dot?: boolean | "pulse";
}

/** A domain state as a badge, looked up in its table; an unknown state shows as it is. */
export function StateBadge({ state, states }: { state: string; states: Readonly<Record<string, BadgeState>> }) {
  const look = states[state] ?? { tone: "neutral" };
  return (
    <Badge tone={look.tone} dot={look.dot}>
      {look.label ?? state}
    </Badge>
  );
}
