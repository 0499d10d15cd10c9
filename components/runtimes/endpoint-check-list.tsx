import type { CheckState, EndpointCheck } from "@/lib/runtimes/endpoint-checks";

// A public endpoint's checks (address, certificate, reachable), each with a mark, what was
// found and what to change. Shared by the preflight and the runtime page.

const MARK: Record<CheckState, { symbol: string; words: string; className: string }> = {
  ready: { symbol: "✓", words: "ready", className: "text-brand-700" },
  waiting: { symbol: "…", words: "waiting", className: "text-amber-700" },
  failed: { symbol: "✗", words: "not ready", className: "text-red-700" },
};

export function EndpointCheckList({ checks, label }: { checks: EndpointCheck[]; label: string }) {
  return (
    <ul aria-label={label} className="flex flex-col gap-2">
      {checks.map((check) => {
        const mark = MARK[check.state];
        return (
          <li key={check.id} className="flex gap-2 text-sm" data-state={check.state}>
            <span aria-hidden="true" className={`w-4 shrink-0 text-center font-semibold ${mark.className}`}>
              {mark.symbol}
            </span>
            <div className="flex min-w-0 flex-col gap-0.5">
              <p className="break-words">
                <span className="font-medium text-slate-900">{check.label}</span>
                <span className="sr-only"> ({mark.words})</span>: <span className="text-slate-700">{check.detail}</span>
              </p>
              {check.fix ? <p className="text-xs break-words text-slate-600">{check.fix}</p> : null}
            </div>
          </li>
        );
      })}
    </ul>
  );
}
