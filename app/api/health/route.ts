import { NextResponse } from "next/server";
import { checkHealth } from "@/lib/health/check";

// For operators (and the browser tests, which wait on it): whether PostgreSQL
// and the Kubernetes API answer, without any detail an outsider could use. Probes use
// /api/livez and /api/readyz.
export const dynamic = "force-dynamic";

export async function GET() {
  const health = await checkHealth();
  return NextResponse.json(health, { status: health.ok ? 200 : 503 });
}
