import { NextResponse } from "next/server";
import { checkReadiness } from "@/lib/health/check";

// Readiness: PostgreSQL and the Kubernetes API answer and the process is not shutting down
// (it turns false the moment SIGTERM arrives, so load balancers stop sending traffic).
export const dynamic = "force-dynamic";

export async function GET() {
  const readiness = await checkReadiness();
  return NextResponse.json(readiness, {
    status: readiness.ok ? 200 : 503,
    headers: { "Cache-Control": "no-store" },
  });
}
