import type { WorkspaceContext } from "@/lib/authz/context";
import { explainRuntime, type RuntimeProblem } from "@/lib/runtimes/explain-runtime";
import { getRuntime, type RuntimeEvent, type RuntimeSummary } from "@/lib/runtimes/list-runtimes";

// One runtime as its console page shows it: the runtime, its recent events, and what they
// say is wrong in plain words (explainRuntime). The words are worked out here, for the
// page's first render and its live query alike, so the browser carries none of them.

export interface RuntimeDetails {
  runtime: RuntimeSummary;
  events: RuntimeEvent[];
  problems: RuntimeProblem[];
}

export async function getRuntimeDetails(context: WorkspaceContext, name: string): Promise<RuntimeDetails> {
  const { runtime, events } = await getRuntime(context, name);
  return { runtime, events, problems: explainRuntime(runtime.pods, events) };
}
