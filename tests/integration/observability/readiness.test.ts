import { describe, expect, it } from "vitest";
import { checkHealth, checkReadiness } from "@/lib/health/check";
import { beginShutdown } from "@/lib/health/lifecycle";

// Readiness against the real PostgreSQL and apiserver: ready while both answer, not ready
// the moment shutdown begins (server.mjs calls beginShutdown on SIGTERM), whatever they say.

describe("readiness", () => {
  it("is true while PostgreSQL and the apiserver answer, and false from the moment shutdown begins", async () => {
    expect(await checkReadiness()).toEqual({ ok: true, database: true, kubernetes: true, shuttingDown: false });
    beginShutdown();
    expect(await checkReadiness()).toMatchObject({ ok: false, shuttingDown: true });
    // /api/health (what people and the browser tests read) still reports the dependencies.
    expect(await checkHealth()).toEqual({ ok: true, database: true, kubernetes: true });
  });
});
