import * as k8s from "@kubernetes/client-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { WorkspaceContext } from "@/lib/authz/context";
import { db } from "@/lib/db/client";
import { adminApi } from "@/lib/kube/client";
import { resolveExecTarget } from "@/lib/runtimes/exec-target";
import { openExec } from "@/lib/runtimes/runtime-exec";
import { CLOSE_CODES } from "@/lib/terminal/wire";
import { addMember, signedInAs, teamWorkspace } from "../../support/factories";
import { eventually } from "../../support/kube";
import { sandboxedPod, stackImage } from "../../support/real-node";
import { createSession } from "../../support/session";
import {
  connect,
  echoThroughShell,
  openTerminal,
  portalOrigin,
  shellRuntime,
  startTerminalServer,
} from "./terminal-support";

// The web terminal over a real WebSocket against the portal's endpoint, into real
// containers of the stack's shell image on the real node: each refusal beside a control
// that opens the same terminal and reads a real shell's answer.

const core = adminApi(k8s.CoreV1Api);

async function runningPod(namespace: string, runtime: string): Promise<string> {
  return eventually(
    `a running pod of ${runtime}`,
    async () => {
      const pods = await core.listNamespacedPod({ namespace, labelSelector: `canopy.dev/runtime=${runtime}` });
      return pods.items.find((p) => p.status?.phase === "Running" && !p.metadata?.deletionTimestamp)?.metadata?.name;
    },
    120_000,
  );
}

describe("web terminal", () => {
  let server: Awaited<ReturnType<typeof startTerminalServer>>;
  let a: Awaited<ReturnType<typeof teamWorkspace>>;
  let b: Awaited<ReturnType<typeof teamWorkspace>>;
  let developer: { userId: string; cookie: string; context: WorkspaceContext };
  let viewer: { userId: string; cookie: string; context: WorkspaceContext };
  let bOwnerCookie: string;
  let podA: string;
  const origin = portalOrigin();

  async function member(role: "DEVELOPER" | "VIEWER") {
    const { user } = await addMember(a.workspace.id, role, { provision: true });
    const { cookie } = await createSession(user.id, origin);
    return { userId: user.id, cookie, context: await signedInAs(user.id, a.slug, "workspace.read") };
  }

  beforeAll(async () => {
    server = await startTerminalServer();
    a = await teamWorkspace({ prefix: "term-a", permission: "runtime.write" });
    b = await teamWorkspace({ prefix: "term-b", permission: "runtime.write" });
    await Promise.all([shellRuntime(a.namespace, "shell"), shellRuntime(b.namespace, "shell")]);
    developer = await member("DEVELOPER");
    viewer = await member("VIEWER");
    bOwnerCookie = (await createSession(b.owner.id, origin)).cookie;
    podA = await runningPod(a.namespace, "shell");
    await runningPod(b.namespace, "shell");
  }, 180_000);

  afterAll(async () => {
    await server?.close();
    for (const namespace of [a?.namespace, b?.namespace]) {
      if (namespace)
        await adminApi(k8s.AppsV1Api)
          .deleteNamespacedDeployment({ name: "shell", namespace })
          .catch(() => 0);
    }
  });

  it("runs a command in the runtime's container and audits the session's opening and closing", async () => {
    const terminal = await openTerminal(
      server,
      { workspace: a.slug, runtime: "shell" },
      { origin, cookie: developer.cookie },
    );
    expect(await terminal.ready).toEqual({ type: "ready", pod: podA, container: "app" });
    await echoThroughShell(terminal, "hello");
    // The shell runs inside gVisor's sandbox on the real node.
    terminal.type("dmesg | head -n 1\r");
    await terminal.waitFor(/gVisor/);
    terminal.type("exit\r");
    expect(await terminal.closed).toEqual({ code: CLOSE_CODES.ENDED, reason: "The shell exited." });

    const events = await eventually("the session's closing event", async () => {
      const rows = await db().auditEvent.findMany({
        where: { workspaceId: a.workspace.id, actorId: developer.userId, action: { startsWith: "terminal." } },
        orderBy: { createdAt: "asc" },
      });
      return rows.length === 2 ? rows : undefined;
    });
    expect(events.map((e) => [e.action, e.outcome, e.targetType, e.targetId])).toEqual([
      ["terminal.open", "SUCCESS", "runtime", "shell"],
      ["terminal.close", "SUCCESS", "runtime", "shell"],
    ]);
    const [opened, closed] = events.map((e) => e.details as Record<string, string>);
    expect(opened).toMatchObject({ pod: podA, container: "app" });
    expect(closed).toMatchObject({
      session: opened!.session,
      pod: podA,
      openedAt: opened!.openedAt,
      ended: "The shell exited.",
    });
    expect(Date.parse(closed!.closedAt!)).toBeGreaterThanOrEqual(Date.parse(opened!.openedAt!));
    expect(events[0]!.clientAddress).toBe("127.0.0.1");
  });

  it("refuses an Origin other than the portal's, and a request without one", async () => {
    for (const bad of ["http://evil.example", undefined]) {
      const refused = await connect(
        server,
        { workspace: a.slug, runtime: "shell" },
        { origin: bad, cookie: developer.cookie },
      );
      expect(refused).toMatchObject({ refused: 403 });
    }
    const control = await openTerminal(
      server,
      { workspace: a.slug, runtime: "shell" },
      { origin, cookie: developer.cookie },
    );
    await echoThroughShell(control, "origin");
    control.socket.close();
  });

  it("refuses a request without a live session", async () => {
    const expired = await createSession(developer.userId, origin, -1000);
    for (const cookie of [undefined, "next-auth.session-token=forged", expired.cookie]) {
      const refused = await connect(server, { workspace: a.slug, runtime: "shell" }, { origin, cookie });
      expect(refused).toMatchObject({ refused: 401 });
    }
    const control = await openTerminal(
      server,
      { workspace: a.slug, runtime: "shell" },
      { origin, cookie: developer.cookie },
    );
    await echoThroughShell(control, "session");
    control.socket.close();
  });

  it("refuses a viewer, at the portal and again at the cluster", async () => {
    const refused = await connect(
      server,
      { workspace: a.slug, runtime: "shell", pod: podA },
      { origin, cookie: viewer.cookie },
    );
    expect(refused).toMatchObject({ refused: 403 });
    const denial = await db().auditEvent.findFirst({
      where: { workspaceId: a.workspace.id, actorId: viewer.userId, action: "runtime.exec" },
    });
    expect(denial?.outcome).toBe("DENIED");
    // The second wall: past the portal's guard, the API server's RBAC refuses the viewer's exec.
    const target = await resolveExecTarget(viewer.context, { runtime: "shell" });
    await expect(openExec(viewer.context, target, { cols: 80, rows: 24 }, () => undefined)).rejects.toMatchObject({
      code: "FORBIDDEN",
    });

    const control = await openTerminal(
      server,
      { workspace: a.slug, runtime: "shell", pod: podA },
      { origin, cookie: developer.cookie },
    );
    await echoThroughShell(control, "viewer");
    control.socket.close();
  });

  it("cannot be opened for another workspace's pod, by its workspace or by a forged pod name", async () => {
    const byWorkspace = await connect(
      server,
      { workspace: a.slug, runtime: "shell", pod: podA },
      { origin, cookie: bOwnerCookie },
    );
    expect(byWorkspace).toMatchObject({ refused: 404 });
    // B's own workspace and runtime, with A's pod name: the pod is not one of B's runtime's.
    const forged = await openTerminal(
      server,
      { workspace: b.slug, runtime: "shell", pod: podA },
      { origin, cookie: bOwnerCookie },
    );
    expect(await forged.closed).toEqual({
      code: CLOSE_CODES.NOT_FOUND,
      reason: `Pod ${podA} of runtime shell was not found.`,
    });
    expect(forged.output()).toBe("");

    const control = await openTerminal(
      server,
      { workspace: b.slug, runtime: "shell" },
      { origin, cookie: bOwnerCookie },
    );
    const { pod } = await control.ready;
    expect(pod).not.toBe(podA);
    await echoThroughShell(control, "own");
    control.socket.close();
  });

  it("refuses a pod of the workspace that is not the runtime's own, even one labelled as its", async () => {
    const impostor = sandboxedPod("impostor", stackImage("shell:1"), {
      labels: { "canopy.dev/runtime": "shell" },
      command: ["sh", "-c", "trap 'exit 0' TERM; while :; do sleep 1; done"],
    });
    impostor.spec!.containers[0]!.imagePullPolicy = "Always";
    await core.createNamespacedPod({ namespace: a.namespace, body: impostor });
    await eventually(
      "the impostor running",
      async () => {
        const pod = await core.readNamespacedPod({ name: "impostor", namespace: a.namespace });
        return pod.status?.phase === "Running" ? pod : undefined;
      },
      120_000,
    );
    const refused = await openTerminal(
      server,
      { workspace: a.slug, runtime: "shell", pod: "impostor" },
      { origin, cookie: developer.cookie },
    );
    expect(await refused.closed).toEqual({
      code: CLOSE_CODES.NOT_FOUND,
      reason: "Pod impostor of runtime shell was not found.",
    });
    // Nor is it chosen when no pod is named, though it is the newest pod with the label.
    const control = await openTerminal(
      server,
      { workspace: a.slug, runtime: "shell" },
      { origin, cookie: developer.cookie },
    );
    expect((await control.ready).pod).toBe(podA);
    await echoThroughShell(control, "own-pod");
    control.socket.close();
    await core.deleteNamespacedPod({ name: "impostor", namespace: a.namespace, gracePeriodSeconds: 0 });
  });

  it("resizes the container's terminal", async () => {
    const terminal = await openTerminal(
      server,
      { workspace: a.slug, runtime: "shell" },
      { origin, cookie: developer.cookie },
    );
    terminal.resize(100, 30);
    await terminal.ready;
    terminal.type("stty size\r");
    await terminal.waitFor(/\b30 100\b/);
    terminal.resize(57, 11);
    terminal.type("stty size\r");
    await terminal.waitFor(/\b11 57\b/);
    terminal.socket.close();
  });

  it("closes with a clear message when the pod goes away", async () => {
    const terminal = await openTerminal(
      server,
      { workspace: a.slug, runtime: "shell" },
      { origin, cookie: developer.cookie },
    );
    await echoThroughShell(terminal, "before");
    await core.deleteNamespacedPod({ name: podA, namespace: a.namespace });
    expect(await terminal.closed).toEqual({ code: CLOSE_CODES.POD_GONE, reason: `Pod ${podA} went away.` });
    const close = await eventually("the closing event", () =>
      db()
        .auditEvent.findFirst({
          where: {
            workspaceId: a.workspace.id,
            action: "terminal.close",
            details: { path: ["ended"], equals: `Pod ${podA} went away.` },
          },
        })
        .then((row) => row ?? undefined),
    );
    expect(close.actorId).toBe(developer.userId);
  });
});
