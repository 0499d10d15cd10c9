import { workspaceGetRoute } from "@/lib/actions/route";
import { runtimeLogQuery } from "@/lib/runtimes/runtime-log-query";
import { logFileName, openRuntimeLogs } from "@/lib/runtimes/runtime-logs";

// GET: a runtime's log as plain text, streamed as the API server sends it (follow=true
// keeps it open and passes on each new line); download=true sends it as a file to save.
// The stream stops when the browser goes away.
export const GET = workspaceGetRoute("runtime.logs", runtimeLogQuery, async (context, query, request) => {
  const stream = await openRuntimeLogs(context, query, request.signal);
  const headers: Record<string, string> = {
    "Content-Type": "text/plain; charset=utf-8",
    // no-transform keeps the server's compression from holding lines back.
    "Cache-Control": "no-store, no-transform",
    "X-Accel-Buffering": "no",
    "X-Content-Type-Options": "nosniff",
  };
  if (query.download) headers["Content-Disposition"] = `attachment; filename="${logFileName(query)}"`;
  return new Response(stream, { headers });
});
