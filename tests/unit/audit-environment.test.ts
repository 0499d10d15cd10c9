import { describe, expect, it } from "vitest";
import { auditEnvironment } from "@/lib/audit/audit-environment";

describe("the environment an audit event is filed under", () => {
  it("files actions inside one environment under it, the default one included", () => {
    expect(auditEnvironment("runtime.create", "default")).toBe("default");
    expect(auditEnvironment("volume.delete", "dev")).toBe("dev");
    expect(auditEnvironment("terminal.open", "prod")).toBe("prod");
    expect(auditEnvironment("kubeconfig.issue", "default")).toBe("default");
  });

  it("files workspace-wide actions under none, unless attempted in another environment", () => {
    expect(auditEnvironment("member.invite", "default")).toBeNull();
    expect(auditEnvironment("kubeconfig.revoke", "default")).toBeNull();
    expect(auditEnvironment("environment.manage", "prod")).toBe("prod");
    expect(auditEnvironment("runtime.create", null)).toBeNull();
    expect(auditEnvironment("runtime.create", undefined)).toBeNull();
  });
});
