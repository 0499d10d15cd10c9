import type { PreflightSummary, QuotaLine } from "@/lib/runtimes/preflight-summary";
import { Button } from "@/components/ui/button";
import { cardClass } from "@/components/ui/card";
import { EndpointCheckList } from "@/components/runtimes/endpoint-check-list";

// What the preflight found: the cost (per hour and per 730-hour month, part by part),
// the quota before and after, and whether the cluster would take the runtime.

export type PreflightView =
  | { state: "idle" }
  | { state: "incomplete"; missing: string[]; message?: string }
  | { state: "done"; summary: PreflightSummary }
  | { state: "error"; message: string };

function QuotaRow({ line }: { line: QuotaLine }) {
  return (
    <li className="flex flex-col gap-1">
      <div className="flex flex-wrap justify-between gap-x-2 text-sm">
        <span className="font-medium text-slate-800">{line.label}</span>
        <span className={line.over ? "font-medium text-red-700" : "text-slate-600"}>
          {line.used} → {line.after} <span className="text-slate-500">of {line.limit}</span>
        </span>
      </div>
      <div aria-hidden="true" className="relative h-1.5 overflow-hidden rounded-full bg-slate-100">
        <div
          className={`absolute inset-y-0 left-0 rounded-full ${line.over ? "bg-red-300" : "bg-brand-100"}`}
          style={{ width: `${line.afterShare * 100}%` }}
        />
        <div
          className={`absolute inset-y-0 left-0 rounded-full ${line.over ? "bg-red-600" : "bg-brand-600"}`}
          style={{ width: `${Math.min(line.usedShare, line.afterShare) * 100}%` }}
        />
      </div>
    </li>
  );
}

export interface FieldProblem {
  path: string;
  label: string;
  messages: string[];
  /** The form has an input to take the user to. */
  focusable: boolean;
}

export function PreflightPanel({
  view,
  checking,
  onCheck,
  verb,
  problems,
  onFocusField,
}: {
  view: PreflightView;
  checking: boolean;
  onCheck: () => void;
  verb: "create" | "save";
  problems: FieldProblem[];
  onFocusField: (path: string) => void;
}) {
  const summary = view.state === "done" ? view.summary : null;
  const fieldProblems = summary ? Object.keys(summary.fieldErrors).length : 0;
  return (
    <section
      aria-labelledby="preflight-heading"
      className={cardClass({ padding: "sm", className: "flex flex-col gap-4" })}
    >
      <div className="flex items-center justify-between gap-2">
        <h2 id="preflight-heading" className="text-base font-semibold">
          Preflight
        </h2>
        <Button variant="secondary" size="sm" onClick={onCheck} disabled={checking} aria-busy={checking || undefined}>
          {checking ? "Checking…" : "Check"}
        </Button>
      </div>

      <div role="status" aria-live="polite" className="text-sm">
        {view.state === "idle" ? (
          <p className="text-slate-600">
            As you fill in the form, Canopy asks the cluster whether it would accept this runtime and shows what it
            costs.
          </p>
        ) : view.state === "incomplete" ? (
          <p className="text-slate-600">
            {view.message ?? "Fill in the form to see the estimate."}
            {view.missing.length ? ` Still needed: ${view.missing.join(", ")}.` : null}
          </p>
        ) : view.state === "error" ? (
          <p className="text-red-700">{view.message}</p>
        ) : summary!.ok ? (
          <p className="text-brand-800 font-medium">The cluster would accept this runtime.</p>
        ) : summary!.problems.length ? (
          <p className="font-medium text-red-700">
            The cluster would refuse this runtime: {summary!.problems.join(" ")}
          </p>
        ) : (
          <p className="font-medium text-red-700">
            {fieldProblems === 1 ? "One field needs" : `${fieldProblems} fields need`} a change before you can {verb}{" "}
            this runtime; see the highlighted {fieldProblems === 1 ? "field" : "fields"}.
          </p>
        )}
      </div>

      {summary?.warnings.length ? (
        <ul
          aria-label="Warnings"
          className="flex flex-col gap-1 rounded-md border border-amber-200 bg-amber-50 p-3 text-sm text-amber-900"
        >
          {summary.warnings.map((warning) => (
            <li key={warning}>{warning}</li>
          ))}
        </ul>
      ) : null}

      {problems.length ? (
        <ul
          aria-label="Problems"
          className="flex flex-col gap-1 rounded-md border border-red-200 bg-red-50 p-3 text-sm"
        >
          {problems.map((problem) => (
            <li key={`${problem.path}-${problem.label}`} className="text-red-800">
              {problem.focusable ? (
                <button
                  type="button"
                  onClick={() => onFocusField(problem.path)}
                  className="font-medium underline underline-offset-2 hover:text-red-950"
                >
                  {problem.label}
                </button>
              ) : (
                <span className="font-medium">{problem.label}</span>
              )}
              : {problem.messages.join(" ")}
            </li>
          ))}
        </ul>
      ) : null}

      {summary ? (
        <div className={`flex flex-col gap-4 ${checking ? "opacity-60" : ""}`}>
          <div>
            <h3 className="text-sm font-medium text-slate-800">Estimated cost</h3>
            <p className="mt-1 text-2xl font-semibold tabular-nums" data-testid="preflight-hourly">
              {summary.cost.hourly}
              <span className="text-sm font-normal text-slate-500"> per hour</span>
            </p>
            <p className="text-sm text-slate-600 tabular-nums">about {summary.cost.monthly} per month (730 hours)</p>
            <table className="mt-3 w-full text-sm">
              <caption className="sr-only">Cost by part</caption>
              <thead>
                <tr className="text-left text-xs text-slate-500">
                  <th scope="col" className="py-1 font-normal">
                    Part
                  </th>
                  <th scope="col" className="py-1 text-right font-normal">
                    Hour
                  </th>
                  <th scope="col" className="py-1 text-right font-normal">
                    Month
                  </th>
                </tr>
              </thead>
              <tbody>
                {summary.cost.lines.map((line) => (
                  <tr key={line.label} className="border-t border-slate-100">
                    <th scope="row" className="py-1 pr-2 text-left font-normal text-slate-700">
                      {line.label}
                    </th>
                    <td className="py-1 text-right tabular-nums">{line.hourly}</td>
                    <td className="py-1 pl-2 text-right tabular-nums">{line.monthly}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <p className="mt-1 text-xs text-slate-500">Volumes are billed separately, by their size.</p>
          </div>
          <div>
            <h3 className="text-sm font-medium text-slate-800">Quota: now → with this runtime</h3>
            <ul className="mt-2 flex flex-col gap-3">
              {summary.quota.map((line) => (
                <QuotaRow key={line.label} line={line} />
              ))}
            </ul>
          </div>
          {summary.host ? (
            <div className="flex flex-col gap-2">
              <h3 className="text-sm font-medium text-slate-800">Public endpoint</h3>
              <p className="text-sm text-slate-600">
                <span className="font-mono break-all">https://{summary.host}</span>
              </p>
              <EndpointCheckList checks={summary.endpoint} label="Public endpoint checks" />
            </div>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}
