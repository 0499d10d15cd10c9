import { describe, expect, it } from "vitest";
import { autoApprovalRefusal } from "@/lib/quotas/auto-approve";
import { effectiveLimits, limitsByKey } from "@/lib/quotas/effective-limits";
import { formatQuotaAmount, parseQuotaInput } from "@/lib/quotas/quota-keys";

// The pure rules of quota requests: exact parsing of what people type, the effective limits
// (plan, with the override's figures where set), and the auto-approval rule at its edges.

const plan = { cpuMillis: 8000, memoryMiB: 16_384, storageGiB: 100, maxPods: 100, maxVolumes: 20, maxServices: 50 };

describe("quota amounts", () => {
  it("parses decimals exactly into plan units, and refuses what breaks a rule", () => {
    expect(parseQuotaInput("cpu", "0.001")).toEqual({ amount: 1 });
    expect(parseQuotaInput("cpu", "12.35")).toEqual({ amount: 12_350 });
    expect(parseQuotaInput("memory", "3")).toEqual({ amount: 3072 });
    expect(parseQuotaInput("cpu", "0")).toEqual({ error: "CPU must be more than zero." });
    expect(parseQuotaInput("cpu", "257")).toEqual({ error: "CPU may be at most 256 cores." });
    expect(parseQuotaInput("volumes", "1e3")).toEqual({ error: "Volumes must be a whole number of volumes, like 40." });
  });

  it("reads amounts as people write them", () => {
    expect(formatQuotaAmount("cpu", 2500)).toBe("2.5 cores");
    expect(formatQuotaAmount("cpu", 1000)).toBe("1 core");
    expect(formatQuotaAmount("memory", 512)).toBe("512 MiB");
    expect(formatQuotaAmount("memory", 20_480)).toBe("20 GiB");
    expect(formatQuotaAmount("pods", 1)).toBe("1 pod");
    expect(formatQuotaAmount("services", 400)).toBe("400 services");
  });
});

describe("effective limits", () => {
  it("take the override's figures where set, the plan's elsewhere", () => {
    const limits = effectiveLimits({ ...plan, allowed: "kept" }, { cpuMillis: 24_000, maxPods: null });
    expect(limits).toEqual({ ...plan, allowed: "kept", cpuMillis: 24_000 });
    expect(effectiveLimits(plan, null)).toBe(plan);
    expect(limitsByKey(limits)).toEqual({
      cpu: 24_000,
      memory: 16_384,
      storage: 100,
      pods: 100,
      volumes: 20,
      services: 50,
    });
  });
});

describe("the auto-approval rule", () => {
  const facts = { plan: limitsByKey(plan), balance: 1n, held: false };
  it("approves up to twice the plan while the balance is positive and nothing is held", () => {
    expect(autoApprovalRefusal({ ...facts, asked: { cpu: 16_000, pods: 200 } })).toBeNull();
  });
  it("leaves the rest to an operator, saying why", () => {
    expect(autoApprovalRefusal({ ...facts, asked: { cpu: 16_001 } })).toBe("cpu is more than 2× the plan");
    expect(autoApprovalRefusal({ ...facts, asked: { cpu: 9000 }, balance: 0n })).toBe("the balance is not above zero");
    expect(autoApprovalRefusal({ ...facts, asked: { cpu: 9000 }, held: true })).toBe("a billing hold is in force");
  });
});
