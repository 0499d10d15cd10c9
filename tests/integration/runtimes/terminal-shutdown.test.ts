import * as k8s from "@kubernetes/client-node";
import { afterAll, describe, expect, it } from "vitest";
import { adminApi } from "@/lib/kube/client";
import { terminalSessionsOpen } from "@/lib/observability/http-metrics";
import { CLOSE_CODES } from "@/lib/terminal/wire";
import { closeTerminalSessions } from "@/lib/terminal/upgrade";
import { teamWorkspace } from "../../support/factories";
import { eventually } from "../../support/kube";
import { createSession } from "../../support/session";
import { echoThroughShell, openTerminal, portalOrigin, shellRuntime, startTerminalServer } from "./terminal-support";

// What a portal that is shutting down does to the terminals it holds (server.mjs calls
// closeTerminalSessions on SIGTERM): each browser is told why, with "going away", and the
// gauge of open sessions follows. A real shell in a real container on the real node.

const gauge = async () => (await terminalSessionsOpen.get()).values[0]?.value ?? 0;

describe("web terminal at shutdown", () => {
  let namespace: string | undefined;
  afterAll(async () => {
    if (namespace)
      await adminApi(k8s.AppsV1Api)
        .deleteNamespacedDeployment({ name: "shell", namespace })
        .catch(() => 0);
  });

  it("closes every open terminal with code 1001 and a reason, and counts it closed", async () => {
    const server = await startTerminalServer();
    try {
      const a = await teamWorkspace({ prefix: "term-down", permission: "runtime.write" });
      namespace = a.namespace;
      await shellRuntime(a.namespace, "shell");
      const { cookie } = await createSession(a.owner.id, portalOrigin());
      const before = await gauge();
      // A new pod may take a while to run: retry opening until the shell answers.
      const terminal = await eventually(
        "a terminal into the running shell",
        async () => {
          const opened = await openTerminal(
            server,
            { workspace: a.slug, runtime: "shell" },
            { origin: portalOrigin(), cookie },
          );
          const ready = await opened.ready.then(
            () => true,
            () => false,
          );
          return ready ? opened : undefined;
        },
        120_000,
      );
      await echoThroughShell(terminal, "before-shutdown");
      expect(await gauge()).toBe(before + 1);

      expect(closeTerminalSessions("The portal is shutting down. Reconnect in a moment.")).toBe(1);
      expect(await terminal.closed).toEqual({
        code: CLOSE_CODES.GOING_AWAY,
        reason: "The portal is shutting down. Reconnect in a moment.",
      });
      await eventually("the gauge back down", async () => ((await gauge()) === before ? true : undefined));
      expect(closeTerminalSessions("again")).toBe(0);
    } finally {
      await server.close();
    }
  }, 180_000);
});
