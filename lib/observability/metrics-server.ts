import { createServer, type Server } from "node:http";
import { metricsRegistry } from "@/lib/observability/metrics";

// /metrics in Prometheus's text format, on a port of its own: never through the public
// address of the portal, so that only what can reach the pod (Prometheus, through the
// NetworkPolicy) reads it.

export function serveMetrics(port: number, hostname?: string): Promise<Server> {
  const server = createServer((request, response) => {
    const path = (request.url ?? "").split("?")[0];
    if (request.method !== "GET" || path !== "/metrics") {
      response.writeHead(404, { "Content-Type": "text/plain" }).end("Not found. Metrics are at /metrics.\n");
      return;
    }
    metricsRegistry.metrics().then(
      (text) => response.writeHead(200, { "Content-Type": metricsRegistry.contentType }).end(text),
      () => response.writeHead(500, { "Content-Type": "text/plain" }).end("Metrics could not be collected.\n"),
    );
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, hostname, () => {
      server.off("error", reject);
      resolve(server);
    });
  });
}
