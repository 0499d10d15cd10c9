import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { checkHealth } from "@/lib/health/check";
import { metricsRegistry } from "@/lib/observability/metrics";

// The worker's own HTTP endpoint, for the kubelet's probes and Prometheus:
// - /livez: the process answers, so its event loop turns (a blocked loop answers nothing);
// - /readyz: PostgreSQL and the Kubernetes API answer; a standby is ready too (it is ready
//   to take over), so readiness says nothing about leadership (the Lease does);
// - /metrics: the process's metrics in Prometheus text format.

export interface HealthServer {
  port: number;
  close(): Promise<void>;
}

async function respond(path: string): Promise<{ status: number; type: string; body: string }> {
  if (path === "/livez") return { status: 200, type: "text/plain", body: "ok\n" };
  if (path === "/readyz") {
    const health = await checkHealth();
    const body = `database ${health.database ? "ok" : "unreachable"}\nkubernetes ${health.kubernetes ? "ok" : "unreachable"}\n`;
    return { status: health.ok ? 200 : 503, type: "text/plain", body };
  }
  if (path === "/metrics") {
    return { status: 200, type: metricsRegistry.contentType, body: await metricsRegistry.metrics() };
  }
  return { status: 404, type: "text/plain", body: "not found\n" };
}

export function startHealthServer(port: number): Promise<HealthServer> {
  const server: Server = createServer((request, response) => {
    const path = new URL(request.url ?? "/", "http://worker").pathname;
    if (request.method !== "GET" && request.method !== "HEAD") {
      response.writeHead(405, { allow: "GET, HEAD" }).end();
      return;
    }
    respond(path).then(
      ({ status, type, body }) => response.writeHead(status, { "content-type": type }).end(body),
      () => response.writeHead(500, { "content-type": "text/plain" }).end("error\n"),
    );
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, () => {
      resolve({
        port: (server.address() as AddressInfo).port,
        close: () => new Promise((done) => server.close(() => done())),
      });
    });
  });
}
