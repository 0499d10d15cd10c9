// N portal processes behind one address, for the scale-out figure of the pages benchmark:
// Node's cluster module forks server.mjs N times and hands the one listening socket's
// connections to them in turn (round-robin), as N replicas behind a Service would get them.
//
//   node bench/portal-processes.mjs --processes 2 -- --port 3000
import cluster from "node:cluster";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

const { values, positionals } = parseArgs({
  options: { processes: { type: "string", default: "2" } },
  allowPositionals: true,
});
const processes = Number(values.processes);

cluster.setupPrimary({
  exec: join(dirname(fileURLToPath(import.meta.url)), "..", "server.mjs"),
  args: positionals,
});
for (let i = 0; i < processes; i++) cluster.fork();
// One process gone is a broken measurement, not something to paper over by restarting it.
cluster.on("exit", (worker, code, signal) => {
  console.error(`portal process ${worker.process.pid} exited (${signal ?? code}); stopping`);
  process.exit(1);
});
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => {
    cluster.removeAllListeners("exit");
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill(signal);
    process.exit(0);
  });
}
