import type { V1Pod } from "@kubernetes/client-node";
import { describe, expect, it } from "vitest";
import { meterMinute } from "@/lib/metering/meter-minute";
import {
  meteredPodFields,
  podToMetered,
  pvcToMetered,
  runtimeNameOf,
  type MeteredObject,
} from "@/lib/metering/metered-object";
import { addMinutes } from "@/lib/time/utc";

const T0 = new Date("2026-03-01T10:00:00Z");
const at = (minutes: number, seconds = 0) => new Date(T0.getTime() + minutes * 60_000 + seconds * 1000);

function pod(overrides: {
  start?: Date;
  phase?: string;
  deletion?: Date;
  grace?: number;
  labels?: Record<string, string>;
}): V1Pod {
  return {
    metadata: {
      uid: "pod-uid",
      name: "web-5d8f7c9b-abcde",
      namespace: "ws-a",
      labels: { "pod-template-hash": "5d8f7c9b", ...overrides.labels },
      ownerReferences: [
        { apiVersion: "apps/v1", kind: "ReplicaSet", name: "web-5d8f7c9b", uid: "rs", controller: true },
      ],
      deletionTimestamp: overrides.deletion,
      deletionGracePeriodSeconds: overrides.grace,
    },
    spec: {
      runtimeClassName: "gvisor",
      containers: [
        { name: "app", image: "x", resources: { requests: { cpu: "250m", memory: "128Mi" } } },
        { name: "side", image: "x", resources: { limits: { cpu: "0.5", memory: "64Mi" } } },
      ],
    },
    status: {
      phase: overrides.phase ?? "Running",
      containerStatuses:
        overrides.start === undefined
          ? []
          : ["app", "side"].map((name) => ({
              name,
              image: "x",
              imageID: "",
              ready: true,
              restartCount: 0,
              state: { running: { startedAt: overrides.start } },
            })),
    },
  };
}

function minutesBilled(object: MeteredObject | null, fromMinute: number, toMinute: number) {
  const rows = [];
  for (let m = fromMinute; m < toMinute; m++) rows.push(...meterMinute(at(m), object ? [object] : []));
  return rows;
}

describe("meterMinute", () => {
  it("bills a pod running from minute 0 and deleted at minute 17 for exactly 17 minutes", () => {
    const object = podToMetered(pod({ start: at(0), deletion: at(17, 30), grace: 30 }), "ws");
    const rows = minutesBilled(object, -5, 40);
    const cpu = rows.filter((r) => r.resource === "CPU");
    expect(cpu).toHaveLength(17);
    expect(cpu[0]!.minute).toEqual(at(0));
    expect(cpu.at(-1)!.minute).toEqual(at(16));
    // Requests of both containers, the second defaulting to its limits; integers only.
    expect(cpu[0]!.quantity).toBe(750n);
    expect(rows.find((r) => r.resource === "MEMORY")!.quantity).toBe(192n * 1024n * 1024n);
    expect(cpu[0]).toMatchObject({ runtimeName: "web", runtimeClass: "gvisor", objectKind: "POD", workspaceId: "ws" });
  });

  it("bills the minutes whose end the pod ran at: the minute it started in, not the one it ended in", () => {
    const started = podToMetered(pod({ start: at(0, 20) }), "ws");
    const cpu = minutesBilled(started, -2, 5).filter((r) => r.resource === "CPU");
    expect(cpu.map((r) => r.minute)).toEqual([at(0), at(1), at(2), at(3), at(4)]);
    // Ran 10:00:20 … 10:17:40 (17 min 20 s): billed 10:00 … 10:16, 17 minutes.
    const ended = podToMetered(pod({ start: at(0, 20), deletion: at(18, 10), grace: 30 }), "ws");
    const billed = minutesBilled(ended, -2, 30).filter((r) => r.resource === "CPU");
    expect(billed.map((r) => r.minute)).toEqual(Array.from({ length: 17 }, (_, i) => at(i)));
    // A run that starts and ends inside one minute is at no minute's end: nothing.
    const blip = podToMetered(pod({ start: at(3, 5), deletion: at(3, 50), grace: 0 }), "ws");
    expect(minutesBilled(blip, 0, 10)).toEqual([]);
  });

  it("never bills a pending pod", () => {
    const object = podToMetered(pod({ phase: "Pending" }), "ws");
    expect(object?.spans).toEqual([]);
    expect(minutesBilled(object, 0, 30)).toEqual([]);
  });

  it("bills a vanished pod up to when it was seen gone", () => {
    const object = podToMetered(pod({ start: at(0) }), "ws", at(3, 10));
    expect(minutesBilled(object, 0, 10).filter((r) => r.resource === "CPU")).toHaveLength(3);
  });

  it("takes max(request, usage) for the running container when a usage sample exists", () => {
    const object = podToMetered(pod({ start: at(0) }), "ws", null, {
      containers: { app: { cpuMillicores: 900n, memoryBytes: 1n } },
    });
    const rows = meterMinute(at(2), [object!]);
    expect(rows.find((r) => r.resource === "CPU")!.quantity).toBe(900n + 500n);
    expect(rows.find((r) => r.resource === "MEMORY")!.quantity).toBe(192n * 1024n * 1024n);
  });

  it("bills a bound claim's capacity and nothing for an unbound one", () => {
    const claim = (phase: string) =>
      pvcToMetered(
        {
          metadata: { uid: `pvc-${phase}`, name: "data", namespace: "ws-a", creationTimestamp: at(0) },
          status: { phase, capacity: { storage: "1Gi" } },
        },
        "ws",
      );
    expect(minutesBilled(claim("Bound"), 0, 3).map((r) => r.quantity)).toEqual([2n ** 30n, 2n ** 30n, 2n ** 30n]);
    expect(minutesBilled(claim("Pending"), 0, 3)).toEqual([]);
  });

  it("is a pure function of its input and rejects a minute that is not whole", () => {
    const object = podToMetered(pod({ start: at(0) }), "ws")!;
    expect(meterMinute(at(5), [object])).toEqual(meterMinute(at(5), [object]));
    expect(() => meterMinute(at(5, 1), [object])).toThrow(RangeError);
    expect(addMinutes(at(0), 2)).toEqual(at(2));
  });

  it("names the runtime by label, else by the Deployment behind the ReplicaSet", () => {
    expect(runtimeNameOf(pod({}))).toBe("web");
    expect(runtimeNameOf(pod({ labels: { "canopy.dev/runtime": "api" } }))).toBe("api");
  });

  it("meters a pod the same from the fields the informer keeps of it", () => {
    const full = pod({ start: at(2), deletion: at(9), grace: 30 });
    full.metadata!.managedFields = [{ manager: "kubelet", operation: "Update", fieldsV1: { "f:status": {} } }];
    full.spec!.initContainers = [{ name: "init", image: "x", resources: { requests: { cpu: "1" } } }];
    full.status!.initContainerStatuses = [
      {
        name: "init",
        image: "x",
        imageID: "",
        ready: false,
        restartCount: 0,
        state: { terminated: { exitCode: 0, startedAt: at(0), finishedAt: at(1, 30) } },
      },
    ];
    full.status!.containerStatuses![0]!.lastState = {
      terminated: { exitCode: 1, startedAt: at(1), finishedAt: at(1, 50) },
    };
    const kept = meteredPodFields(full);
    expect(kept.metadata?.managedFields).toBeUndefined();
    expect(podToMetered(kept, "ws")).toEqual(podToMetered(full, "ws"));
    expect(podToMetered(kept, "ws", at(5), { containers: { app: { cpuMillicores: 900n, memoryBytes: 1n } } })).toEqual(
      podToMetered(full, "ws", at(5), { containers: { app: { cpuMillicores: 900n, memoryBytes: 1n } } }),
    );
    expect(runtimeNameOf(kept)).toBe(runtimeNameOf(full));
  });
});
