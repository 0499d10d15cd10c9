import { describe, expect, it } from "vitest";
import { explainRuntime } from "@/lib/runtimes/explain-runtime";
import type { RuntimeEvent, RuntimePod } from "@/lib/runtimes/list-runtimes";

// The words a runtime page shows for each way a runtime fails to run, from the pod status
// and events the kubelet and controllers really write (messages copied from the real node).

function pod(overrides: Partial<RuntimePod>): RuntimePod {
  return {
    name: "web-1",
    phase: "Running",
    ready: false,
    restarts: 0,
    node: "canopy-node-1",
    reason: null,
    message: null,
    lastExit: null,
    ...overrides,
  };
}

function warning(reason: string, message: string): RuntimeEvent {
  return { type: "Warning", reason, message, object: "ReplicaSet/web-1", at: null, count: 1 };
}

describe("explainRuntime", () => {
  it("names an image that cannot be pulled, with the registry's words", () => {
    const message = 'failed to pull and unpack image "127.0.0.1:5000/canopy/nope:1": not found';
    const [problem] = explainRuntime([pod({ reason: "ImagePullBackOff", message })], []);
    expect(problem).toMatchObject({ reason: "ImagePullBackOff", detail: message });
    expect(problem!.words).toMatch(/image could not be pulled/);
  });

  it("says an out-of-memory kill is about the memory limit, even while the pod is in a crash loop", () => {
    const problems = explainRuntime([pod({ reason: "CrashLoopBackOff", lastExit: "OOMKilled (exit code 137)" })], []);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ reason: "OOMKilled" });
    expect(problems[0]!.words).toMatch(/more memory than its limit/);
  });

  it("explains a crash loop with how the last run ended", () => {
    const [problem] = explainRuntime([pod({ reason: "CrashLoopBackOff", lastExit: "Error (exit code 1)" })], []);
    expect(problem!.words).toContain("keeps stopping (Error (exit code 1))");
  });

  it("tells no room on the nodes from no node offering the runtime class", () => {
    const full = "0/3 nodes are available: 1 Insufficient cpu, 2 node(s) had untolerated taint(s).";
    const none =
      "0/3 nodes are available: 1 node(s) didn't match Pod's node affinity/selector, 2 node(s) had untolerated taint(s).";
    expect(explainRuntime([pod({ phase: "Pending", reason: "Unschedulable", message: full })], [])[0]!.words).toMatch(
      /No node has room/,
    );
    expect(explainRuntime([pod({ phase: "Pending", reason: "Unschedulable", message: none })], [])[0]!.words).toMatch(
      /runtime class/,
    );
  });

  it("explains a pod the quota would not admit, from its ReplicaSet's event", () => {
    const message =
      'pods "web-1-x" is forbidden: exceeded quota: canopy-quota, requested: requests.cpu=2, used: requests.cpu=7, limited: requests.cpu=8';
    const [problem] = explainRuntime([], [warning("FailedCreate", message)]);
    expect(problem).toMatchObject({ reason: "FailedCreate", detail: message });
    expect(problem!.words).toMatch(/quota has no room/);
  });

  it("says nothing about healthy pods and ordinary events, and each problem once", () => {
    expect(explainRuntime([pod({ ready: true })], [{ ...warning("Scheduled", "ok"), type: "Normal" }])).toEqual([]);
    const twice = [pod({ name: "a", reason: "ErrImagePull" }), pod({ name: "b", reason: "ErrImagePull" })];
    expect(explainRuntime(twice, [])).toHaveLength(1);
  });
});
