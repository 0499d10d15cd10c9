import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:https";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as k8s from "@kubernetes/client-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { WorkspaceContext } from "@/lib/authz/context";
import { adminApi } from "@/lib/kube/client";
import { stopRuntime } from "@/lib/runtimes/change-runtime";
import { createRuntime } from "@/lib/runtimes/create-runtime";
import { certificateCheck, reachableCheck, type EndpointCheck } from "@/lib/runtimes/endpoint-checks";
import { probeEndpoint } from "@/lib/runtimes/endpoint-probe";
import { endpointReadiness } from "@/lib/runtimes/endpoint-readiness";
import { preflightSummary } from "@/lib/runtimes/preflight-summary";
import { createRuntimeInput } from "@/lib/runtimes/runtime-input";
import { teamWorkspace } from "../../support/factories";
import { eventually } from "../../support/kube";
import { stackImage } from "../../support/real-node";

// A public endpoint's readiness: the probe against a real HTTPS server with certificates
// made here (trusted and covering the host, or not), and runtimes on the real node
// reached through the stack's real ingress controller: ready once the pod runs, "not
// reachable" with the reason when it is stopped or its image cannot start.

const check = (checks: EndpointCheck[], id: EndpointCheck["id"]) => checks.find((c) => c.id === id)!;

function spec(name: string, prefix: string, image = stackImage("web:1")) {
  return createRuntimeInput.parse({
    name,
    image,
    cpu: "100m",
    memory: "64Mi",
    replicas: 1,
    runtimeClass: "gvisor",
    ports: [{ port: 8080 }],
    publicEndpoint: { hostPrefix: prefix, port: 8080 },
  });
}

describe("the endpoint probe, against an HTTPS server with certificates of its own", () => {
  let dir: string;
  let server: Server;
  let port: number;
  let ca: Buffer;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "canopy-probe-"));
    const run = (...args: string[]) => execFileSync("openssl", args, { cwd: dir, stdio: "pipe" });
    run(
      "req",
      "-x509",
      "-newkey",
      "rsa:2048",
      "-nodes",
      "-keyout",
      "ca.key",
      "-out",
      "ca.crt",
      "-days",
      "2",
      "-subj",
      "/CN=Probe test CA",
    );
    run(
      "req",
      "-newkey",
      "rsa:2048",
      "-nodes",
      "-keyout",
      "leaf.key",
      "-out",
      "leaf.csr",
      "-subj",
      "/CN=shop.apps.test",
    );
    writeFileSync(join(dir, "ext.cnf"), "subjectAltName=DNS:shop.apps.test\n");
    run(
      "x509",
      "-req",
      "-in",
      "leaf.csr",
      "-CA",
      "ca.crt",
      "-CAkey",
      "ca.key",
      "-CAcreateserial",
      "-out",
      "leaf.crt",
      "-days",
      "2",
      "-extfile",
      "ext.cnf",
    );
    ca = readFileSync(join(dir, "ca.crt"));
    server = createServer(
      { key: readFileSync(join(dir, "leaf.key")), cert: readFileSync(join(dir, "leaf.crt")) },
      (_request, response) => response.writeHead(204).end(),
    );
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    port = (server.address() as AddressInfo).port;
  });

  afterAll(async () => {
    await new Promise((resolve) => server?.close(resolve));
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("finds a certificate valid for the host it covers, from an authority it trusts", async () => {
    const probe = await probeEndpoint({ host: "shop.apps.test", address: "127.0.0.1", port, tls: true, ca });
    expect(probe.status).toBe(204);
    const certificate = certificateCheck("shop.apps.test", "apps.test", true, probe);
    expect(certificate.state).toBe("ready");
    expect(certificate.detail).toMatch(
      /^Valid until \d{4}-\d\d-\d\d for shop\.apps\.test \(shop\.apps\.test, issued by Probe test CA\)\.$/,
    );
    expect(reachableCheck(probe, { desired: 1, ready: 1 })).toMatchObject({
      state: "ready",
      detail: "Answered 204 No Content through the ingress.",
    });
  });

  it("does not count an answer as the runtime's while none of its pods is ready", async () => {
    const probe = await probeEndpoint({ host: "shop.apps.test", address: "127.0.0.1", port, tls: true, ca });
    expect(reachableCheck(probe, { desired: 1, ready: 0 })).toMatchObject({
      state: "waiting",
      detail:
        "The ingress answered 204 No Content, but no pod of the runtime is ready, so that was not the runtime's answer.",
    });
    expect(reachableCheck(probe, { desired: 1, ready: 1 }).state).toBe("ready");
  });

  it("says which name the certificate covers when it is not the host, and when nothing trusts its authority", async () => {
    const other = await probeEndpoint({ host: "blog.apps.test", address: "127.0.0.1", port, tls: true, ca });
    const wrongHost = certificateCheck("blog.apps.test", "apps.test", true, other);
    expect(wrongHost.state).toBe("failed");
    expect(wrongHost.detail).toContain("it does not cover blog.apps.test (it names shop.apps.test)");
    expect(wrongHost.fix).toContain("a certificate for *.apps.test");

    const untrusted = await probeEndpoint({ host: "shop.apps.test", address: "127.0.0.1", port, tls: true });
    const check = certificateCheck("shop.apps.test", "apps.test", true, untrusted);
    expect(check.state).toBe("failed");
    expect(check.detail).toContain("it is not from a trusted authority (UNABLE_TO_VERIFY_LEAF_SIGNATURE)");
    expect(check.detail).not.toContain("does not cover");
  });

  it("says when the certificate served has expired, and to renew it", async () => {
    const probe = await probeEndpoint({ host: "shop.apps.test", address: "127.0.0.1", port, tls: true, ca });
    const current = certificateCheck("shop.apps.test", "apps.test", true, probe);
    expect(current.state).toBe("ready");
    // The same certificate, seen after its last day.
    const expired = certificateCheck("shop.apps.test", "apps.test", true, {
      ...probe,
      certificate: { ...probe.certificate!, expired: true },
    });
    expect(expired.state).toBe("failed");
    expect(expired.detail).toContain(`it expired on ${probe.certificate!.validTo.slice(0, 10)}`);
    expect(expired.fix).toBe("Ask the platform operator to renew the certificate for *.apps.test.");
  });

  it("reports the error when nothing answers", async () => {
    const closed = await probeEndpoint({ host: "shop.apps.test", address: "127.0.0.1", port: 1, tls: true, ca });
    expect(closed).toMatchObject({ status: null, error: "connection refused at 127.0.0.1:1", certificate: null });
    expect(reachableCheck(closed, { desired: 1, ready: 1 })).toMatchObject({
      state: "failed",
      detail: "Not reachable: connection refused at 127.0.0.1:1.",
    });
    expect(certificateCheck("shop.apps.test", "apps.test", true, closed).state).toBe("waiting");
  });
});

describe("a runtime's public endpoint on the real node, through the ingress controller", () => {
  let context: WorkspaceContext;
  const prefix = `ready-${Date.now().toString(36)}`;

  beforeAll(async () => {
    ({ context } = await teamWorkspace({ prefix: "endpoint", permission: "runtime.write" }));
  });

  afterAll(async () => {
    for (const name of ["web", "broken"]) {
      await adminApi(k8s.AppsV1Api)
        .deleteNamespacedDeployment({ name, namespace: context.namespace })
        .catch(() => 0);
    }
  });

  it("the preflight says a free host will get an address, and which certificate it will be served", async () => {
    const summary = await preflightSummary(context, spec("web", prefix), false);
    const address = check(summary.endpoint, "address");
    expect(address.state).toBe("ready");
    expect(address.detail).toBe(
      `${prefix}.apps.canopy.localhost is free; the ingress class canopy will serve it at 127.0.0.1.`,
    );
    // The stack's Traefik serves its own self-signed default certificate for every name.
    const certificate = check(summary.endpoint, "certificate");
    expect(certificate.state).toBe("failed");
    expect(certificate.detail).toContain("TRAEFIK DEFAULT CERT");
    expect(certificate.detail).toContain("it is self-signed");
  });

  it("is ready once the pod runs: an address, and GET / answered by the runtime through the ingress", async () => {
    await createRuntime(context, spec("web", prefix));
    const readiness = await eventually(
      "the endpoint answering",
      async () => {
        const r = await endpointReadiness(context, "web");
        return check(r.checks, "reachable").state === "ready" ? r : undefined;
      },
      120_000,
    );
    expect(readiness.url).toBe(`https://${prefix}.apps.canopy.localhost`);
    expect(check(readiness.checks, "address")).toMatchObject({ state: "ready" });
    expect(check(readiness.checks, "address").detail).toContain("127.0.0.1");
    expect(check(readiness.checks, "reachable").detail).toBe("Answered 200 OK through the ingress.");
    expect(check(readiness.checks, "certificate").detail).toContain("TRAEFIK DEFAULT CERT");
  }, 150_000);

  it("the preflight says a host another runtime holds is taken", async () => {
    const summary = await preflightSummary(context, spec("other", prefix), false);
    expect(summary.endpoint).toEqual([
      expect.objectContaining({
        id: "address",
        state: "failed",
        detail: `${prefix}.apps.canopy.localhost is taken: another runtime already uses it.`,
        fix: "Choose another host name prefix.",
      }),
    ]);
  });

  it("is not reachable once the runtime is stopped, and says to start it", async () => {
    await stopRuntime(context, { name: "web" });
    const reachable = await eventually(
      "the endpoint refusing",
      async () => {
        const r = check((await endpointReadiness(context, "web")).checks, "reachable");
        return r.state === "failed" ? r : undefined;
      },
      60_000,
    );
    expect(reachable.detail).toBe(
      "Not reachable: the ingress answered 503 Service Unavailable, so no pod of the runtime served the request.",
    );
    expect(reachable.fix).toBe("The runtime is stopped (0 replicas): start it or scale it up.");
  }, 90_000);

  it("is not reachable while its only pod cannot start, and points at why", async () => {
    await createRuntime(
      context,
      spec("broken", `${prefix}-b`, `${process.env.CANOPY_REGISTRY}/canopy/no-such-image:1`),
    );
    // Once the ingress controller has loaded its route (a fraction of a second).
    const readiness = await eventually("the route loaded", async () => {
      const r = await endpointReadiness(context, "broken");
      return check(r.checks, "reachable").detail.includes(" 503 ") ? r : undefined;
    });
    expect(check(readiness.checks, "address").state).toBe("ready");
    expect(check(readiness.checks, "reachable")).toMatchObject({
      state: "failed",
      detail:
        "Not reachable: the ingress answered 503 Service Unavailable, so no pod of the runtime served the request.",
    });
    expect(check(readiness.checks, "reachable").fix).toContain("None of its 1 pod(s) is ready");
    expect(readiness.ready).toBe(false);
  }, 60_000);
});
