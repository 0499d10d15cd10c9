import { beforeAll, describe, expect, it } from "vitest";
import type { WorkspaceContext } from "@/lib/authz/context";
import { specOf } from "@/lib/runtimes/change-runtime";
import { createRuntime } from "@/lib/runtimes/create-runtime";
import { getRuntime } from "@/lib/runtimes/list-runtimes";
import { preflightSummary } from "@/lib/runtimes/preflight-summary";
import { runtimeEventStream } from "@/lib/runtimes/runtime-event-stream";
import { emptyRuntimeForm, runtimeFormValues, toRuntimeInput } from "@/lib/runtimes/runtime-form";
import { createRuntimeInput, deleteRuntimeInput } from "@/lib/runtimes/runtime-input";
import { teamWorkspace } from "../../support/factories";
import { eventually } from "../../support/kube";
import { stackImage } from "../../support/real-node";

// What the runtimes pages stand on besides the domain: the event stream fed by watches
// as the member, the preflight in words, and the form model's round trip.

async function readUntil(reader: ReadableStreamDefaultReader<Uint8Array>, wanted: RegExp, ms = 30_000) {
  const decoder = new TextDecoder();
  let text = "";
  const deadline = Date.now() + ms;
  while (!wanted.test(text)) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${wanted} in ${JSON.stringify(text)}`);
    const { value, done } = await reader.read();
    if (done) throw new Error(`stream ended before ${wanted}: ${JSON.stringify(text)}`);
    text += decoder.decode(value, { stream: true });
  }
  return text;
}

describe("runtimes UI support", () => {
  let context: WorkspaceContext;

  beforeAll(async () => {
    ({ context } = await teamWorkspace({ prefix: "rtui", permission: "runtime.write" }));
  });

  it("streams a change event naming the runtime, and ends when the client goes away", async () => {
    const client = new AbortController();
    const stream = runtimeEventStream(context, client.signal, { heartbeatMs: 200 });
    const reader = stream.getReader();
    expect(await readUntil(reader, /retry: \d+\n\n/)).toContain("retry:");
    await readUntil(reader, /: heartbeat\n\n/);

    await createRuntime(
      context,
      createRuntimeInput.parse({
        name: "api",
        image: stackImage("web:1"),
        cpu: "100m",
        memory: "128Mi",
        replicas: 1,
        runtimeClass: "gvisor",
      }),
    );
    const text = await readUntil(reader, /event: change\ndata: .*"api".*\n\n/);
    const data = /event: change\ndata: (.*)\n\n/.exec(text)![1]!;
    expect(JSON.parse(data)).toEqual({ runtimes: ["api"] });

    client.abort();
    // Whatever was already queued may still be read; then the stream is done.
    for (;;) {
      const { done } = await reader.read();
      if (done) break;
    }
  });

  it("ends the stream after its lifetime so the browser reconnects through the guard", async () => {
    const stream = runtimeEventStream(context, new AbortController().signal, { lifetimeMs: 300 });
    const reader = stream.getReader();
    const started = Date.now();
    for (;;) {
      const { done } = await reader.read();
      if (done) break;
    }
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it("preflights in words: cost per hour and month, quota before and after", async () => {
    // The quota counts pods, so wait until "api" has its one.
    await eventually("api to run", async () =>
      (await getRuntime(context, "api")).runtime.ready === 1 ? true : undefined,
    );
    const form = {
      ...emptyRuntimeForm("kata"),
      name: "worker",
      image: "ghcr.io/canopy/worker:1",
      cpu: "500m",
      memory: "1Gi",
      replicas: "2",
    };
    const summary = await preflightSummary(context, createRuntimeInput.parse(toRuntimeInput(form)), false);
    expect(summary.ok).toBe(true);
    // 1 CPU at $0.02, 2 GiB at $0.0025, kata's surcharge of $0.005 per core-hour.
    expect(summary.cost.lines).toEqual([
      { label: "CPU", hourly: "$0.02", monthly: "$14.60" },
      { label: "Memory", hourly: "$0.005", monthly: "$3.65" },
      { label: "Public endpoint", hourly: "$0.00", monthly: "$0.00" },
      { label: "Runtime class surcharge (kata)", hourly: "$0.005", monthly: "$3.65" },
    ]);
    expect(summary.cost.hourly).toBe("$0.03");
    expect(summary.cost.monthly).toBe("$21.90");
    expect(JSON.stringify(summary)).toBeTruthy(); // plain data: no bigint left
    const cpu = summary.quota.find((line) => line.label === "CPU")!;
    expect(cpu).toMatchObject({ used: "100m CPU", after: "1.1 CPU", limit: "8 CPU", over: false });
  });

  it("edits in place: the form round-trips the spec, and an unchanged runtime needs no extra quota", async () => {
    const { runtime } = await getRuntime(context, "api");
    const values = runtimeFormValues("api", specOf(runtime));
    expect(values).toMatchObject({ cpu: "100m", memory: "128Mi", replicas: "1", runtimeClass: "gvisor" });
    const input = createRuntimeInput.parse(toRuntimeInput(values));
    expect(input).toMatchObject({ name: "api", cpu: 100, memory: 128, replicas: 1 });

    const summary = await preflightSummary(context, input, true);
    expect(summary.fieldErrors).toEqual({});
    const pods = summary.quota.find((line) => line.label === "Pods")!;
    expect(pods.after).toBe(pods.used);
  });

  it("asks for the runtime's name to be typed before deleting", () => {
    expect(deleteRuntimeInput.safeParse({ name: "api", confirmName: "ap" }).error?.issues[0]).toMatchObject({
      path: ["confirmName"],
      message: "Type the runtime's name exactly to confirm.",
    });
    expect(deleteRuntimeInput.safeParse({ name: "api", confirmName: " api " }).success).toBe(true);
  });
});
