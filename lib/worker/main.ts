// The background worker: one long-running process beside the portal. Later features
// (metering, the reconciler, budget enforcement) register their loops here; the process
// already checks that it can reach PostgreSQL and Kubernetes, and stops cleanly.
import { checkHealth } from "../health/check";

const health = await checkHealth();
if (!health.ok) {
  console.error(
    `[worker] cannot start: database ${health.database ? "ok" : "unreachable"}, kubernetes ${health.kubernetes ? "ok" : "unreachable"}`,
  );
  process.exit(1);
}
console.log("[worker] connected to PostgreSQL and Kubernetes; no background jobs are registered yet");

const keepAlive = setInterval(() => {}, 60_000);
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    clearInterval(keepAlive);
    console.log(`[worker] ${signal} received, stopping`);
    process.exit(0);
  });
}
