import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { eventually } from "../../support/kube";
import { matchesBundle, provisionedWorkspace, tamper } from "./support";

const root = fileURLToPath(new URL("../../..", import.meta.url));

describe("the worker", () => {
  let worker: ChildProcess | undefined;
  let output = "";

  afterAll(() => {
    // Only if the test failed before stopping it: the whole process group (tsx and node).
    if (worker?.pid && worker.exitCode === null && worker.signalCode === null) process.kill(-worker.pid, "SIGKILL");
  });

  it("restores tampered objects on its own between full passes, and stops cleanly on SIGTERM", async () => {
    const provisioned = await provisionedWorkspace();

    // What `npx tsx lib/worker/main.ts` runs, without npx in between: npm does not pass
    // SIGTERM on to its child, tsx does.
    worker = spawn(join(root, "node_modules/.bin/tsx"), ["lib/worker/main.ts"], {
      cwd: root,
      // Its own Lease (canopy-worker-<instance>) and any free port for /livez, /readyz, /metrics.
      // One full pass at the start and none for an hour: repairs must come from watches.
      env: { ...process.env, CANOPY_RECONCILE_INTERVAL_SECONDS: "3600", CANOPY_WORKER_PORT: "0", LOG_LEVEL: "info" },
      stdio: ["ignore", "pipe", "pipe"],
      detached: true,
    });
    worker.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
    worker.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
    const exited = once(worker, "exit") as Promise<[number | null, NodeJS.Signals | null]>;

    await eventually("the worker to lead", async () =>
      output.includes('"msg":"leading: starting the loops"') ? true : undefined,
    );

    // Tampered only after the first full pass has run: nothing periodic comes after it.
    const port = /"port":(\d+)[^\n]*serving \/livez/.exec(output)?.[1];
    expect(port).toBeDefined();
    await eventually("the first full pass", async () => {
      const metrics = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
      return /canopy_worker_loop_runs_total\{loop="reconciler",outcome="ok"\} [1-9]/.test(metrics) ? true : undefined;
    });
    // Twice, so that the watches keep repairing, not only once.
    for (let round = 1; round <= 2; round++) {
      await tamper(provisioned);
      await eventually(`round ${round} to be restored`, () => matchesBundle(provisioned, false), 30_000);
    }
    // A pass that repaired something says so, in one line.
    expect(output).toMatch(/"component":"reconciler".*object\(s\) restored/);

    worker.kill("SIGTERM");
    const [code, signal] = await exited;
    expect({ code, signal }).toEqual({ code: 0, signal: null });
    expect(output).toMatch(/"signal":"SIGTERM".*"msg":"stopping"/);
    expect(output).toContain('"msg":"released the Lease"');
  }, 180_000);
});
