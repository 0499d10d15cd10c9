import type { RuntimeProblem } from "@/lib/runtimes/explain-runtime";

/** Why the runtime is not ready, in plain words first, the Kubernetes reason beside them. */
export function RuntimeProblems({ problems }: { problems: RuntimeProblem[] }) {
  if (problems.length === 0) return null;
  return (
    <section
      aria-labelledby="problems-heading"
      className="rounded-xl border border-red-200 bg-red-50 p-4 text-sm text-red-900 sm:p-5"
    >
      <h3 id="problems-heading" className="font-semibold">
        Why it is not running
      </h3>
      <ul className="mt-2 flex flex-col gap-2">
        {problems.map((problem) => (
          <li key={`${problem.reason}-${problem.words}`} className="flex flex-col gap-0.5">
            <span>
              {problem.words} <span className="font-mono text-xs text-red-700">({problem.reason})</span>
            </span>
            {problem.detail ? <span className="text-xs break-all text-red-800">{problem.detail}</span> : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
