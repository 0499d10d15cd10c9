import { workspaceGetRoute } from "@/lib/actions/route";
import { getRuntimeUsage, runtimeUsageInput } from "@/lib/runtimes/runtime-usage";

// GET ?name=<runtime>&range=hour|day: the runtime's measured CPU, memory and network, per
// minute (hour) or per 10 minutes (day), for the runtime page's charts.
export const GET = workspaceGetRoute("runtime.read", runtimeUsageInput, (context, input) =>
  getRuntimeUsage(context, input),
);
