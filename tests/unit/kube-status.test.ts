import * as k8s from "@kubernetes/client-node";
import { describe, expect, it } from "vitest";
import { hasStatus, ignoreNotFound, isConflict, isNotFound, statusOf, succeededUnless } from "@/lib/kube/status";

const status = (code: number, reason: string, message: string) =>
  new k8s.ApiException(code, "refused", JSON.stringify({ kind: "Status", code, reason, message }), {});

describe("statusOf", () => {
  it("reads the Status an ApiException carries as text", () => {
    expect(statusOf(status(422, "Invalid", "spec.replicas: Invalid value"))).toEqual({
      code: 422,
      reason: "Invalid",
      message: "spec.replicas: Invalid value",
    });
  });

  it("keeps the code when the body is not a Status", () => {
    expect(statusOf(new k8s.ApiException(503, "unavailable", "<html>busy</html>", {}))).toEqual({ code: 503 });
  });

  it("reads the status code of a watch that could not start", () => {
    const error = Object.assign(new Error("Gone"), { statusCode: 410 });
    expect(statusOf(error)).toEqual({ code: 410 });
    expect(hasStatus(error, 410)).toBe(true);
  });

  it("is null for anything that is not an answer of the API server", () => {
    expect(statusOf(new Error("ECONNREFUSED"))).toBeNull();
    expect(statusOf(Object.assign(new Error("unique"), { code: "P2002" }))).toBeNull();
    expect(statusOf(undefined)).toBeNull();
  });
});

describe("status checks", () => {
  it("names the common answers", () => {
    expect(isNotFound(status(404, "NotFound", "gone"))).toBe(true);
    expect(isConflict(status(409, "AlreadyExists", "taken"))).toBe(true);
    expect(isNotFound(status(409, "AlreadyExists", "taken"))).toBe(false);
    expect(hasStatus(status(403, "Forbidden", "no"), 400, 403, 422)).toBe(true);
  });

  it("ignores only a missing object", async () => {
    await expect(ignoreNotFound(Promise.reject(status(404, "NotFound", "gone")))).resolves.toBeUndefined();
    await expect(ignoreNotFound(Promise.resolve(7))).resolves.toBe(7);
    await expect(ignoreNotFound(Promise.reject(status(409, "Conflict", "x")))).rejects.toBeInstanceOf(k8s.ApiException);
  });

  it("says whether a call succeeded, tolerating the named answers", async () => {
    await expect(succeededUnless(Promise.resolve(), 404, 409)).resolves.toBe(true);
    await expect(succeededUnless(Promise.reject(status(409, "Conflict", "x")), 404, 409)).resolves.toBe(false);
    await expect(succeededUnless(Promise.reject(new Error("down")), 404, 409)).rejects.toThrow("down");
  });
});
