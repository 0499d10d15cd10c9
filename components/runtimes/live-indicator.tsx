import type { StreamState } from "@/components/runtimes/runtime-queries";

const labels: Record<StreamState, string> = {
  connecting: "Connecting…",
  live: "Live",
  reconnecting: "Reconnecting…",
};

/** Whether the page is receiving live updates. */
export function LiveIndicator({ state }: { state: StreamState }) {
  return (
    <span className="inline-flex items-center gap-1.5 text-xs text-slate-500" title="Status updates without reloading">
      <span
        aria-hidden="true"
        className={`size-2 rounded-full ${state === "live" ? "bg-brand-600" : "animate-pulse bg-amber-400"}`}
      />
      {labels[state]}
    </span>
  );
}
