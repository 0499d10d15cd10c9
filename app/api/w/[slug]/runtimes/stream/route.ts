import { z } from "zod";
import { workspaceGetRoute } from "@/lib/actions/route";
import { runtimeEventStream } from "@/lib/runtimes/runtime-event-stream";

// GET: Server-Sent Events telling the runtimes pages which runtimes changed, from
// Kubernetes watches opened as the member. The watches stop when the browser goes away.
export const GET = workspaceGetRoute("runtime.read", z.object({}), async (context, _input, request) => {
  return new Response(runtimeEventStream(context, request.signal), {
    headers: {
      "Content-Type": "text/event-stream; charset=utf-8",
      // no-transform keeps the server's compression from buffering the events.
      "Cache-Control": "no-cache, no-transform",
      "X-Accel-Buffering": "no",
    },
  });
});
