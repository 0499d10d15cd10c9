// A metering worker in a process of its own, for the tests that kill it (SIGKILL) or run two
// at once. Its clock runs `speed` times faster than real time, so that minutes pass in
// seconds while the pods it meters are real objects of the real API server.
// Usage: metering-child.ts <worker id> <namespace selector> <sim start> <real start ms> <speed> <until>
import { loadStackEnv } from "./stack-env";

loadStackEnv();
const [workerId, selector, simStartIso, realStartMs, speedText, untilIso] = process.argv.slice(2);
const { MeteringWorker } = await import("../../lib/metering/metering-worker");
const { adminKubeConfig } = await import("../../lib/kube/client");
const { addMinutes } = await import("../../lib/time/utc");

const simStart = new Date(simStartIso!).getTime();
const realStart = Number(realStartMs);
const speed = Number(speedText);
const until = new Date(untilIso!);
const clock = () => new Date(simStart + (Date.now() - realStart) * speed);

const worker = new MeteringWorker({
  kubeConfig: adminKubeConfig(),
  workerId: workerId!,
  catchupMinutes: 60,
  extraNamespaceSelector: selector,
});
await worker.start();
console.log("ready");
const lastMinute = addMinutes(until, -1).getTime();
for (;;) {
  const now = clock();
  const result = await worker.step(now > until ? until : now);
  if (result.minutes > 0) console.log(`wrote ${result.minutes} minute(s), ${result.rows} row(s)`);
  const { db } = await import("../../lib/db/client");
  const cursor = await db().meteringProgress.findUnique({ where: { id: `meter:${workerId}` } });
  if (cursor && cursor.position.getTime() >= lastMinute) break;
  await new Promise((resolve) => setTimeout(resolve, 50));
}
console.log("done");
await worker.stop();
process.exit(0);
