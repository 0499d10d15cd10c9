import { workspaceGetRoute } from "@/lib/actions/route";
import { endpointReadiness, endpointReadinessInput } from "@/lib/runtimes/endpoint-readiness";

// GET ?name=<runtime>: the live readiness of the runtime's public endpoint (address,
// certificate, reachable through the ingress), for the runtime page, which asks after render.
export const GET = workspaceGetRoute("runtime.read", endpointReadinessInput, (context, input) =>
  endpointReadiness(context, input.name),
);
