import { notifyQuotaThresholds } from "@/lib/notifications/quota-notifications";
import { notifyRuntimeFailures } from "@/lib/notifications/runtime-failure-notifications";
import { componentLogger } from "@/lib/observability/logger";
import { startLoop, type Loop } from "@/lib/worker/loop";

const NOTIFY_EVERY_MS = 30_000;
const log = componentLogger("notifications");

/** Every 30 s: quotas near their limit and failing runtimes become notifications (once each). */
export function startNotificationLoop(): Loop {
  return startLoop("notifications", NOTIFY_EVERY_MS, async () => {
    const [quota, runtimes] = await Promise.all([notifyQuotaThresholds(), notifyRuntimeFailures()]);
    if (quota + runtimes > 0) log.info({ quota, runtimeFailures: runtimes }, "notifications sent");
  });
}
