import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { authorizePlatform } from "@/lib/authz/platform-guard";
import { creditTotals, ensureSignupCredits } from "@/lib/billing/credits";
import { env } from "@/lib/config/env";
import { db } from "@/lib/db/client";
import { createPlanInput } from "@/lib/plans/plan-input";
import { createPlan } from "@/lib/plans/save-plan";
import { parseInput } from "@/lib/validation/parse-input";
import { createTeamWorkspace, ensurePersonalWorkspace } from "@/lib/workspaces/create-workspace";
import { createPlatformAdmin, createUser, teamWorkspace, uniqueSlug } from "../../support/factories";

// A plan's team workspace limit (for users whose personal workspace is on it) and its sign-up
// credit (for each workspace on it) replace the installation's defaults; blank keeps them.

async function planWith(form: { teamWorkspaceLimit?: string; signupCredit?: string }): Promise<string> {
  const context = await authorizePlatform({ userId: (await createPlatformAdmin()).id }, "platform.plans.write");
  const planId = `limits-${randomBytes(4).toString("hex")}`;
  const input = {
    planId,
    name: "Limits",
    ...{ cpu: "1", memory: "1", storage: "1", pods: "5", volumes: "1", services: "1" },
    allowedRuntimeClasses: "gvisor",
    allowedStorageClasses: "standard",
    ...form,
  };
  await createPlan(context, parseInput(createPlanInput, input));
  return planId;
}

describe("a plan's team workspace limit and sign-up credit", () => {
  it("limits the team workspaces of a user whose personal workspace is on the plan", async () => {
    const planId = await planWith({ teamWorkspaceLimit: "1" });
    const user = await createUser("Limited");
    const personal = await ensurePersonalWorkspace(user);
    await db().workspace.update({ where: { slug: personal.slug }, data: { planId } });
    const create = () => createTeamWorkspace({ userId: user.id }, { displayName: "One", slug: uniqueSlug("lim1") });
    await create();
    await expect(create()).rejects.toMatchObject({
      code: "LIMIT_REACHED",
      userMessage: expect.stringContaining("at most 1 team workspaces"),
    });
    // Positive control: a user on the installation's default limit creates a second one.
    const other = await createUser("Default");
    expect(env().CANOPY_MAX_TEAM_WORKSPACES_PER_USER).toBeGreaterThan(1);
    for (const prefix of ["def1", "def2"]) {
      await createTeamWorkspace({ userId: other.id }, { displayName: prefix, slug: uniqueSlug(prefix) });
    }
  });

  it("gives each workspace on the plan the plan's sign-up credit once, and the default elsewhere", async () => {
    const planId = await planWith({ signupCredit: "7.5" });
    const { workspace } = await teamWorkspace({ prefix: "credit" });
    const control = await teamWorkspace({ prefix: "credit-def" });
    await db().workspace.update({ where: { id: workspace.id }, data: { planId } });
    // Counted before the enforcement pass writes it, and the same once written.
    expect((await creditTotals([workspace.id])).get(workspace.id)).toBe(7_500_000n);
    await ensureSignupCredits([workspace.id, control.workspace.id]);
    await ensureSignupCredits([workspace.id]);
    const entries = await db().creditEntry.findMany({ where: { workspaceId: workspace.id } });
    expect(entries.map((e) => [e.kind, e.amountMicros])).toEqual([["SIGNUP", 7_500_000n]]);
    expect((await creditTotals([workspace.id])).get(workspace.id)).toBe(7_500_000n);
    const fallback = await db().creditEntry.findMany({ where: { workspaceId: control.workspace.id } });
    expect(fallback.map((e) => e.amountMicros)).toEqual([env().CANOPY_SIGNUP_CREDIT_MICROS]);
  });
});
