import { NextResponse } from "next/server";
import { checkHealth } from "@/lib/health/check";

// Liveness and readiness for operators and load balancers: reports whether PostgreSQL
// and the Kubernetes API answer, without any detail an outsider could use.
export const dynamic = "force-dynamic";

export async function GET() {
  const health = await checkHealth();
  return NextResponse.json(health, { status: health.ok ? 200 : 503 });
}
