import { openApiDocument } from "@/lib/api/openapi";
import { env } from "@/lib/config/env";

// Built per request (its server URL is the portal's configured one), never at build time.
export const dynamic = "force-dynamic";

// GET: the OpenAPI 3.1 document of /api/v1 (public: it describes, it reveals nothing).
export function GET(): Response {
  return Response.json(openApiDocument(env().NEXTAUTH_URL), { headers: { "Cache-Control": "public, max-age=300" } });
}
