import { z } from "zod";
import { workspaceGetRoute } from "@/lib/actions/route";
import { listRuntimes } from "@/lib/runtimes/list-runtimes";
import { getRuntimeDetails } from "@/lib/runtimes/runtime-details";
import { runtimeName } from "@/lib/runtimes/runtime-input";

// GET: the workspace's runtimes as the member sees them (the list page's live query), or
// with ?name= one runtime with its pods, recent events and problems (the detail page's). A
// query parameter rather than a path segment, so no runtime name can clash with /stream.
export const GET = workspaceGetRoute(
  "runtime.read",
  z.object({ name: runtimeName.optional() }),
  async (context, { name }) => (name ? getRuntimeDetails(context, name) : listRuntimes(context)),
);
