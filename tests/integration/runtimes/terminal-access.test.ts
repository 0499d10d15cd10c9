import * as k8s from "@kubernetes/client-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { adminApi } from "@/lib/kube/client";
import { changeMemberRole } from "@/lib/members/change-member-role";
import { removeMember } from "@/lib/members/remove-member";
import { CLOSE_CODES } from "@/lib/terminal/wire";
import { addMember, signedInAs, teamWorkspace } from "../../support/factories";
import { eventually } from "../../support/kube";
import { createSession } from "../../support/session";
import { echoThroughShell, openTerminal, portalOrigin, shellRuntime, startTerminalServer } from "./terminal-support";

// An open terminal is authorized again while it runs: signing out, being removed and a
// role without runtime.exec each close it within seconds, with the reason as the close
// frame's text; a member whose access did not change keeps a working shell.

describe("an open terminal when the member's access ends", () => {
  let server: Awaited<ReturnType<typeof startTerminalServer>>;
  let a: Awaited<ReturnType<typeof teamWorkspace>>;
  const origin = portalOrigin();

  async function developer() {
    const { user, membership } = await addMember(a.workspace.id, "DEVELOPER", { provision: true });
    const session = await createSession(user.id, origin);
    return { user, membership, session };
  }

  beforeAll(async () => {
    server = await startTerminalServer();
    a = await teamWorkspace({ prefix: "term-access", permission: "runtime.write" });
    await shellRuntime(a.namespace, "shell");
    await eventually(
      "a running pod of shell",
      async () => {
        const pods = await adminApi(k8s.CoreV1Api).listNamespacedPod({
          namespace: a.namespace,
          labelSelector: "canopy.dev/runtime=shell",
        });
        return pods.items.find((p) => p.status?.phase === "Running" && !p.metadata?.deletionTimestamp);
      },
      120_000,
    );
  }, 180_000);

  afterAll(async () => {
    await server?.close();
    if (a)
      await adminApi(k8s.AppsV1Api)
        .deleteNamespacedDeployment({ name: "shell", namespace: a.namespace })
        .catch(() => 0);
  });

  it("closes the sessions of a member made viewer, a removed member and one who signed out; others stay open", async () => {
    const [demoted, removed, signedOut, unchanged] = await Promise.all([
      developer(),
      developer(),
      developer(),
      developer(),
    ]);
    const open = async (member: Awaited<ReturnType<typeof developer>>, tag: string) => {
      const terminal = await openTerminal(
        server,
        { workspace: a.slug, runtime: "shell" },
        { origin, cookie: member.session.cookie },
      );
      await echoThroughShell(terminal, tag);
      return terminal;
    };
    const terminals = {
      demoted: await open(demoted, "demoted"),
      removed: await open(removed, "removed"),
      signedOut: await open(signedOut, "signedout"),
      unchanged: await open(unchanged, "unchanged"),
    };

    const owner = await signedInAs(a.owner.id, a.slug, "member.changeRole");
    await changeMemberRole(owner, { membershipId: demoted.membership.id, role: "VIEWER" });
    await removeMember(owner, { membershipId: removed.membership.id });
    await db().session.delete({ where: { sessionToken: signedOut.session.sessionToken } });

    expect(await terminals.demoted.closed).toEqual({
      code: CLOSE_CODES.ACCESS_ENDED,
      reason: "Your role no longer allows the terminal in this workspace, so it was closed.",
    });
    expect(await terminals.removed.closed).toEqual({
      code: CLOSE_CODES.ACCESS_ENDED,
      reason: "You are no longer a member of this workspace, so the terminal was closed.",
    });
    expect(await terminals.signedOut.closed).toEqual({
      code: CLOSE_CODES.ACCESS_ENDED,
      reason: "Your session has ended (signed out), so the terminal was closed. Sign in again to open one.",
    });

    // The control: a member whose access did not change still has a working shell, after
    // more than one re-check.
    await new Promise((resolve) => setTimeout(resolve, 4_000));
    expect(terminals.unchanged.socket.readyState).toBe(terminals.unchanged.socket.OPEN);
    await echoThroughShell(terminals.unchanged, "still");
    terminals.unchanged.socket.close();

    const closing = await eventually(
      "the demoted member's closing event",
      async () =>
        (await db().auditEvent.findFirst({
          where: { workspaceId: a.workspace.id, actorId: demoted.user.id, action: "terminal.close" },
        })) ?? undefined,
    );
    expect(closing.details).toMatchObject({
      ended: "Your role no longer allows the terminal in this workspace, so it was closed.",
    });
  }, 90_000);
});
