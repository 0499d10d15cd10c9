import { NextResponse } from "next/server";

// Liveness: the process is up and serves requests. No dependency is checked, so a database
// or apiserver outage never makes Kubernetes restart every portal at once (that is readiness).
export const dynamic = "force-dynamic";

export function GET() {
  return NextResponse.json({ ok: true }, { headers: { "Cache-Control": "no-store" } });
}
