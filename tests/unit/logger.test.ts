import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { createLogger } from "@/lib/observability/logger";
import { requestContext } from "@/lib/observability/request-context";

// The project's logger, writing into memory instead of stdout: what reaches a log line.
function capture() {
  const lines: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString("utf8").split("\n").filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  });
  return { logger: createLogger(destination), lines };
}

describe("the logger", () => {
  it("redacts tokens, kubeconfigs, cookies and secrets, and keeps the rest of the line", () => {
    const { logger, lines } = capture();
    logger.info(
      {
        workspaceId: "ws-1",
        token: "eyJhbGciOi.secret-token",
        kubeconfig: "apiVersion: v1\nusers:\n- user:\n    token: abc",
        credential: { token: "nested-token", name: "ci" },
        headers: {
          cookie: "next-auth.session-token=s3cr3t",
          authorization: "Bearer t0k3n",
          "set-cookie": "next-auth.session-token=n3w",
          accept: "text/html",
        },
        smtp: { password: "hunter2" },
        secret: "NEXTAUTH_SECRET-value",
      },
      "issued",
    );
    const line = lines[0]!;
    const text = JSON.stringify(line);
    for (const leaked of [
      "secret-token",
      "token: abc",
      "nested-token",
      "s3cr3t",
      "t0k3n",
      "hunter2",
      "NEXTAUTH_SECRET-value",
    ]) {
      expect(text).not.toContain(leaked);
    }
    expect(line).toMatchObject({
      msg: "issued",
      workspaceId: "ws-1",
      token: "[redacted]",
      kubeconfig: "[redacted]",
      credential: { token: "[redacted]", name: "ci" },
      headers: { cookie: "[redacted]", authorization: "[redacted]", "set-cookie": "[redacted]", accept: "text/html" },
      smtp: { password: "[redacted]" },
      secret: "[redacted]",
    });
  });

  it("puts the request's id on every line written while serving it, and none outside", async () => {
    const { logger, lines } = capture();
    await requestContext.run({ requestId: "req-0123456789" }, async () => {
      logger.info("first");
      await new Promise((resolve) => setTimeout(resolve, 5));
      logger.child({ component: "tenancy" }).warn({ workspaceId: "ws-1" }, "after an await, in a child logger");
    });
    logger.info("outside any request");
    expect(lines.map((l) => [l.msg, l.requestId])).toEqual([
      ["first", "req-0123456789"],
      ["after an await, in a child logger", "req-0123456789"],
      ["outside any request", undefined],
    ]);
  });
});
