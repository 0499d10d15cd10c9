import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { listAuditEvents, listAuditFilterOptions } from "@/lib/audit/list-audit-events";
import { authorizeWorkspace } from "@/lib/authz/guard";
import { costsByEnvironment } from "@/lib/billing/costs-by-environment";
import { amountFor } from "@/lib/billing/rating";
import { pricesAt } from "@/lib/billing/prices";
import { issueKubeconfig } from "@/lib/credentials/issue-kubeconfig";
import { acrossEnvironments } from "@/lib/environments/across-environments";
import { createEnvironment } from "@/lib/environments/create-environment";
import { setEnvironmentRole, setEnvironmentRoleInput } from "@/lib/environments/environment-roles";
import { writeUsage } from "@/lib/metering/write-usage";
import { floorHour, HOUR_MS } from "@/lib/time/utc";
import { addMember, signedInAs, teamWorkspace } from "../../support/factories";
import { cpuHour } from "../../support/usage-ledger";

// The console's workspace-wide views of environments: lists read through the guard in each
// environment, audit events filed under the environment they happened in, and a month's
// cost split by the namespaces the meter saw.

async function setup(prefix: string) {
  const made = await teamWorkspace({ prefix, permission: "environment.manage" });
  await createEnvironment(made.context, { name: "dev" });
  await createEnvironment(made.context, { name: "prod" });
  const developer = await addMember(made.workspace.id, "DEVELOPER", { provision: true });
  await setEnvironmentRole(
    made.context,
    setEnvironmentRoleInput.parse({ environment: "prod", membershipId: developer.membership.id, role: "VIEWER" }),
  );
  const asDeveloper = await signedInAs(developer.user.id, made.slug, "workspace.read");
  return { ...made, developer, asDeveloper };
}

describe("workspace-wide views of environments", () => {
  it("reads each environment through the guard there, leaving out those the member's role there does not allow", async () => {
    const { slug, asDeveloper } = await setup("envviews");
    const namespaces = async (context: { namespace: string }) => [context.namespace];

    const readable = await acrossEnvironments(asDeveloper, "runtime.read", namespaces);
    expect(readable.map((s) => [s.environment, s.items])).toEqual([
      ["default", [`ws-${slug}`]],
      ["dev", [`ws-${slug}--dev`]],
      ["prod", [`ws-${slug}--prod`]],
    ]);
    // A viewer in prod may not write there: prod is left out; dev and default (the positive control) stay.
    const writable = await acrossEnvironments(asDeveloper, "runtime.write", namespaces);
    expect(writable.map((s) => s.environment)).toEqual(["default", "dev"]);

    // One environment failing to answer does not fail the view.
    const partly = await acrossEnvironments(asDeveloper, "runtime.read", async (context) => {
      if (context.environment === "dev") throw new Error("cluster away");
      return [context.environment];
    });
    expect(partly.find((s) => s.environment === "dev")).toMatchObject({ items: [], error: expect.any(String) });
    expect(partly.find((s) => s.environment === "prod")?.items).toEqual(["prod"]);
  });

  it("files audit events under their environment and filters the log by it", async () => {
    const { slug, context, developer } = await setup("envaudit");
    const actor = { userId: developer.user.id };
    // A refusal in prod (a viewer there) and a kubeconfig issued in dev (a builder there).
    await expect(authorizeWorkspace(actor, slug, "runtime.write", "prod")).rejects.toMatchObject({ code: "FORBIDDEN" });
    await issueKubeconfig(await authorizeWorkspace(actor, slug, "kubeconfig.issue", "dev"), {
      label: "laptop",
      lifetimeHours: 1,
    });
    await issueKubeconfig(await authorizeWorkspace(actor, slug, "kubeconfig.issue"), { label: "ci", lifetimeHours: 1 });

    const owner = await signedInAs(context.actor.userId, slug, "audit.read");
    const inDev = await listAuditEvents(owner, { environment: "dev" });
    expect(inDev.events.map((e) => [e.action, e.outcome, e.environment])).toEqual([
      ["kubeconfig.issue", "SUCCESS", "dev"],
    ]);
    const inProd = await listAuditEvents(owner, { environment: "prod" });
    expect(inProd.events.map((e) => [e.action, e.outcome, e.environment])).toEqual([
      ["runtime.write", "DENIED", "prod"],
    ]);
    const inDefault = await listAuditEvents(owner, { environment: "default" });
    expect(inDefault.events.map((e) => [e.action, e.environment])).toEqual([["kubeconfig.issue", "default"]]);
    // The whole log: these and the workspace-wide events (environments created, the role set), filed under none.
    const all = await listAuditEvents(owner);
    expect(all.events.filter((e) => e.action === "environment.roles").map((e) => e.environment)).toEqual([null]);
    expect(all.events.length).toBeGreaterThan(3);
    expect((await listAuditFilterOptions(owner)).environments).toEqual(["default", "dev", "prod"]);
    await expect(listAuditEvents(owner, { environment: "Not Valid!" })).rejects.toMatchObject({
      code: "INVALID_INPUT",
      fieldErrors: { environment: ["Choose an environment from the list."] },
    });
  });

  it("splits a month's cost by the namespace each object was metered in", async () => {
    const { workspace, slug, context } = await setup("envcost");
    const now = new Date();
    const start = new Date(floorHour(now).getTime() - HOUR_MS);
    const uid = () => `uid-${randomBytes(6).toString("hex")}`;
    const pods = [
      { namespace: `ws-${slug}`, objectUid: uid(), millicores: 1000n },
      // The same runtime name in dev, at half the CPU.
      { namespace: `ws-${slug}--dev`, objectUid: uid(), millicores: 500n },
      // An environment deleted since: its namespace keeps its share.
      { namespace: `ws-${slug}--old`, objectUid: uid(), millicores: 250n },
    ];
    await writeUsage(cpuHour(workspace.id, start, pods));

    const prices = await pricesAt(workspace.planId, start);
    const cost = (millicores: bigint) =>
      amountFor("CPU", millicores * 60n, prices.cpuCoreHour) +
      (prices.runtimeClassCoreHour.gvisor !== undefined
        ? amountFor("RUNTIME_CLASS", millicores * 60n, prices.runtimeClassCoreHour.gvisor)
        : 0n);
    const split = await costsByEnvironment(context, now, now);
    expect(split.environments.map((e) => [e.environment, e.displayName, e.namespace, e.amountMicros])).toEqual([
      ["default", "Default", `ws-${slug}`, cost(1000n)],
      ["dev", "dev", `ws-${slug}--dev`, cost(500n)],
      ["prod", "prod", `ws-${slug}--prod`, 0n],
      [null, `ws-${slug}--old (deleted)`, `ws-${slug}--old`, cost(250n)],
    ]);
    expect(cost(1000n)).toBeGreaterThan(0n);
    expect(split.totalMicros).toBe(cost(1000n) + cost(500n) + cost(250n));
  });
});
