import { notifyQuotaThresholds } from "@/lib/notifications/quota-notifications";
import { notifyRuntimeFailures } from "@/lib/notifications/runtime-failure-notifications";
import { startLoop, type Loop } from "@/lib/worker/loop";

const NOTIFY_EVERY_MS = 30_000;

/** Every 30 s: quotas near their limit and failing runtimes become notifications (once each). */
export function startNotificationLoop(): Loop {
  return startLoop("notifications", NOTIFY_EVERY_MS, async () => {
    const [quota, runtimes] = await Promise.all([notifyQuotaThresholds(), notifyRuntimeFailures()]);
    if (quota + runtimes > 0)
      console.log(`[notifications] ${quota} quota, ${runtimes} runtime failure notification(s)`);
  });
}
