import { openApiDocument } from "@/lib/api/openapi";
import { env } from "@/lib/config/env";

// GET: the OpenAPI 3.1 document of /api/v1 (public: it describes, it reveals nothing).
export function GET(): Response {
  return Response.json(openApiDocument(env().NEXTAUTH_URL), { headers: { "Cache-Control": "public, max-age=300" } });
}
