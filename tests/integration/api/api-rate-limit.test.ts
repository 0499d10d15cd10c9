import { beforeAll, describe, expect, it } from "vitest";
import { env } from "@/lib/config/env";
import { auditEvents } from "../../support/records";
import { teamWorkspace } from "../../support/factories";
import { call, tokenFor } from "./support";

// The per-token rate limit of the REST API: a small limit for this file (set before the
// configuration is first read), so the test does not make hundreds of requests.
process.env.CANOPY_RATE_LIMIT_API_PER_TOKEN = "5/1m";

let slug: string;
let workspaceId: string;
let first: string;
let second: string;

beforeAll(async () => {
  const team = await teamWorkspace({ prefix: "apirl", permission: "apiToken.manage" });
  slug = team.slug;
  workspaceId = team.workspace.id;
  first = (await tokenFor(team.context)).token;
  second = (await tokenFor(team.context)).token;
});

describe("rate limits per API token", () => {
  it("answers 429 with Retry-After past the token's limit, audited once; another token is unaffected", async () => {
    expect(env().CANOPY_RATE_LIMIT_API_PER_TOKEN).toEqual({ capacity: 5, windowSeconds: 60 });
    for (let i = 0; i < 5; i++) {
      expect((await call("GET", `/workspaces/${slug}/members`, { token: first })).status).toBe(200);
    }
    const refused = await call("GET", `/workspaces/${slug}/members`, { token: first });
    expect(refused.status).toBe(429);
    const retryAfter = Number(refused.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(12);
    expect(refused.body.error).toEqual({
      code: "RATE_LIMITED",
      message: `Too many requests with this API token. Try again in ${retryAfter} s.`,
    });
    expect((await call("GET", `/workspaces/${slug}`, { token: first })).status).toBe(429);
    const audited = (await auditEvents(workspaceId, "api.listMembers")).filter((e) => e.outcome === "DENIED");
    expect(audited).toHaveLength(1);
    expect(audited[0]!.details).toMatchObject({ reason: "rate limit", per: "token" });

    // Positive control: the other token of the same member still gets through.
    expect((await call("GET", `/workspaces/${slug}/members`, { token: second })).status).toBe(200);
  });
});
