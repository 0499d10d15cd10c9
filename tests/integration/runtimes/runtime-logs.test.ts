import * as k8s from "@kubernetes/client-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { WorkspaceContext } from "@/lib/authz/context";
import { AppError } from "@/lib/errors/app-error";
import { adminApi } from "@/lib/kube/client";
import { statusOf } from "@/lib/kube/status";
import { createRuntime } from "@/lib/runtimes/create-runtime";
import { createRuntimeInput } from "@/lib/runtimes/runtime-input";
import { listLogSources } from "@/lib/runtimes/runtime-log-sources";
import { runtimeLogQuery } from "@/lib/runtimes/runtime-log-query";
import { openRuntimeLogs } from "@/lib/runtimes/runtime-logs";
import { signedInAs, signedInMember, addMember, teamWorkspace } from "../../support/factories";
import { eventually } from "../../support/kube";
import { stackImage } from "../../support/real-node";

// Logs of real containers on the real node, read as the member through the API server:
// known lines (ANSI escapes and a long line intact), following as lines are written, the
// previous run after a crash, and both walls (the guard and RBAC) refusing a viewer.

const LONG_LINE = "x".repeat(20_000);
const STEADY_SCRIPT = [
  "printf 'first line\\n'",
  "printf '\\033[31mred alert\\033[0m plain\\n'",
  "printf '<b>not bold</b> & more\\n'",
  "head -c 20000 /dev/zero | tr '\\0' x; echo",
  'i=0; while true; do echo "tick $i"; i=$((i+1)); sleep 1; done',
].join("; ");
// Crashes at once, every run: Kubernetes keeps the previous run's log after each restart.
const CRASH_SCRIPT = 'echo "run $(date +%s)"; echo "about to crash"; exit 3';

function shellRuntime(name: string, script: string, replicas = 1) {
  return createRuntimeInput.parse({
    name,
    image: stackImage("shell:1"),
    cpu: "20m",
    memory: "32Mi",
    replicas,
    runtimeClass: "gvisor",
    command: ["sh", "-c", script],
  });
}

const query = (input: Record<string, string>) => runtimeLogQuery.parse(input);

async function readAll(stream: ReadableStream<Uint8Array>): Promise<string> {
  return new Response(stream).text();
}

/** Reads a followed stream until `done` says the text so far is enough. */
async function readUntil(stream: ReadableStream<Uint8Array>, done: (text: string) => boolean): Promise<string> {
  const reader = stream.getReader();
  const decoder = new TextDecoder();
  let text = "";
  const deadline = Date.now() + 30_000;
  while (!done(text)) {
    if (Date.now() > deadline) throw new Error(`the followed log never satisfied the test; it read:\n${text}`);
    const { value, done: ended } = await reader.read();
    if (ended) throw new Error(`the followed log ended early; it read:\n${text}`);
    text += decoder.decode(value, { stream: true });
  }
  await reader.cancel();
  return text;
}

function ticks(text: string): number[] {
  return [...text.matchAll(/^(?:\[[^\]]+\] )?tick (\d+)$/gm)].map((m) => Number(m[1]));
}

describe("runtime logs on the real node", () => {
  let owner: WorkspaceContext;
  let slug: string;
  let workspaceId: string;

  beforeAll(async () => {
    const team = await teamWorkspace({ prefix: "logs", permission: "runtime.logs" });
    ({ slug, context: owner } = team);
    workspaceId = team.workspace.id;
    await createRuntime(owner, shellRuntime("steady", STEADY_SCRIPT, 2));
    await createRuntime(owner, shellRuntime("crasher", CRASH_SCRIPT));
    await eventually(
      "both steady pods running and ticking",
      async () => {
        const pods = (await listLogSources(owner, "steady")).filter((p) => p.containers[0]?.state === "running");
        if (pods.length < 2) return undefined;
        for (const pod of pods) {
          const log = await openRuntimeLogs(
            owner,
            query({ runtime: "steady", pod: pod.name }),
            new AbortController().signal,
          );
          // Three ticks each, so that a tail of 3 lines is ticks only (the kubelet counts the
          // 20,000-character line as two, as the container runtime stores it in 16 KiB parts).
          if (ticks(await readAll(log)).length < 3) return undefined;
        }
        return true;
      },
      90_000,
    );
  }, 150_000);

  afterAll(async () => {
    const apps = adminApi(k8s.AppsV1Api);
    for (const name of ["steady", "crasher"]) {
      await apps.deleteNamespacedDeployment({ name, namespace: owner.namespace }).catch(() => undefined);
    }
  });

  it("reads one pod's log as written: plain lines, ANSI escapes and a 20,000-character line intact", async () => {
    const [pod] = await listLogSources(owner, "steady");
    const text = await readAll(
      await openRuntimeLogs(owner, query({ runtime: "steady", pod: pod!.name }), new AbortController().signal),
    );
    const lines = text.split("\n");
    expect(lines[0]).toBe("first line");
    expect(lines[1]).toBe("\u001b[31mred alert\u001b[0m plain");
    expect(lines[2]).toBe("<b>not bold</b> & more");
    expect(lines[3]).toBe(LONG_LINE);
    expect(lines[4]).toBe("tick 0");
  });

  it("merges every pod of the runtime, each line prefixed with its pod, and honours tail lines", async () => {
    const pods = await listLogSources(owner, "steady");
    expect(pods).toHaveLength(2);
    const text = await readAll(
      await openRuntimeLogs(owner, query({ runtime: "steady", tailLines: "3" }), new AbortController().signal),
    );
    const lines = text.trimEnd().split("\n");
    expect(lines).toHaveLength(6);
    for (const pod of pods) {
      const own = lines.filter((l) => l.startsWith(`[${pod.name}] `));
      expect(own).toHaveLength(3);
      for (const line of own) expect(line).toMatch(/\] tick \d+$/);
    }
  });

  it("follows: lines the container writes after the stream opened arrive on the open stream", async () => {
    const [pod] = await listLogSources(owner, "steady");
    const before = ticks(
      await readAll(
        await openRuntimeLogs(owner, query({ runtime: "steady", pod: pod!.name }), new AbortController().signal),
      ),
    );
    const last = Math.max(...before);
    const stop = new AbortController();
    const stream = await openRuntimeLogs(
      owner,
      query({ runtime: "steady", pod: pod!.name, follow: "true", tailLines: "1" }),
      stop.signal,
    );
    const text = await readUntil(stream, (t) => ticks(t).some((n) => n >= last + 3));
    // The first line is the tail; everything after it was written while the stream was open.
    expect(ticks(text)[0]).toBeGreaterThanOrEqual(last);
    expect(ticks(text).filter((n) => n > last).length).toBeGreaterThanOrEqual(3);
    stop.abort();
  });

  it("ends a followed stream when the browser goes away", async () => {
    const stop = new AbortController();
    const stream = await openRuntimeLogs(
      owner,
      query({ runtime: "steady", follow: "true", tailLines: "1" }),
      stop.signal,
    );
    const reader = stream.getReader();
    await reader.read();
    stop.abort();
    let result = await reader.read();
    while (!result.done) result = await reader.read();
    expect(result.done).toBe(true);
  });

  it("ends a followed stream after its lifetime, so that following again asks both walls anew", async () => {
    const stream = await openRuntimeLogs(
      owner,
      query({ runtime: "steady", follow: "true", tailLines: "1" }),
      new AbortController().signal,
      { followLifetimeMs: 6_000 },
    );
    // Reads to the end: the stream ends by itself (a test timeout otherwise), after lines
    // written while it was open: the two pods' last ticks at the opening, then at least one
    // more (each pod ticks every second; 6 s leaves room for a loaded node's kubelet).
    const text = await readAll(stream);
    expect(ticks(text).length).toBeGreaterThan(2);
  });

  it("shows the previous run's log after a crash, and refuses it for a container that never restarted", async () => {
    const pod = await eventually(
      "the crashed container's previous run",
      async () => (await listLogSources(owner, "crasher")).find((p) => p.containers[0]?.hasPrevious),
      90_000,
    );
    // The kubelet may answer for a moment that the previous run's log is not there yet (or
    // gone, as the next run replaces it): read until it serves the run's log.
    const previous = await eventually("the previous run's log", async () => {
      const text = await readAll(
        await openRuntimeLogs(
          owner,
          query({ runtime: "crasher", pod: pod.name, previous: "true" }),
          new AbortController().signal,
        ),
      );
      return text.startsWith("run ") ? text : undefined;
    });
    expect(previous).toMatch(/^run \d+\nabout to crash\n$/);

    const [steadyPod] = await listLogSources(owner, "steady");
    const refused = await openRuntimeLogs(
      owner,
      query({ runtime: "steady", pod: steadyPod!.name, previous: "true" }),
      new AbortController().signal,
    ).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(AppError);
    expect((refused as AppError).fieldErrors?.previous?.[0]).toMatch(/has not restarted/);
  });

  it("refuses a pod of another runtime named in the request", async () => {
    const [crasherPod] = await listLogSources(owner, "crasher");
    const refused = await openRuntimeLogs(
      owner,
      query({ runtime: "steady", pod: crasherPod!.name }),
      new AbortController().signal,
    ).catch((error: unknown) => error);
    expect((refused as AppError).code).toBe("NOT_FOUND");
  });

  it("the guard refuses a viewer runtime.logs and lets a developer through", async () => {
    const viewer = await addMember(workspaceId, "VIEWER");
    await expect(signedInAs(viewer.user.id, slug, "runtime.logs")).rejects.toMatchObject({ code: "FORBIDDEN" });
    const developer = await signedInMember({ id: workspaceId, slug }, "DEVELOPER", "runtime.logs");
    expect(developer.membership.role).toBe("DEVELOPER");
  });

  it("Kubernetes itself refuses a viewer's ServiceAccount the log, and gives it to a developer's", async () => {
    // Past the guard (as a forged request would be): the API server is the second wall.
    const viewer = await signedInMember({ id: workspaceId, slug }, "VIEWER", "runtime.read", { provision: true });
    const developer = await signedInMember({ id: workspaceId, slug }, "DEVELOPER", "runtime.read", { provision: true });
    const refused = await openRuntimeLogs(viewer, query({ runtime: "steady" }), new AbortController().signal).catch(
      (error: unknown) => error,
    );
    expect(refused).toBeInstanceOf(AppError);
    expect((refused as AppError).code).toBe("FORBIDDEN");
    expect(statusOf((refused as AppError).cause)?.code).toBe(403);
    expect(statusOf((refused as AppError).cause)?.message).toContain('cannot get resource "pods/log"');

    const text = await readAll(
      await openRuntimeLogs(developer, query({ runtime: "steady" }), new AbortController().signal),
    );
    expect(text).toContain("] first line");
  });

  it("names the field and rule of a bad log query", () => {
    const bad = runtimeLogQuery.safeParse({ runtime: "steady", tailLines: "0", sinceSeconds: "ten" });
    expect(bad.success).toBe(false);
    const fields = bad.error!.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
    expect(fields).toContain("tailLines: Ask for at least 1 line.");
    expect(fields).toContain("sinceSeconds: Enter a number of seconds.");
  });
});
