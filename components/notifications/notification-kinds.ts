// How each kind of notification is labelled in the list and the header menu.
export const NOTIFICATION_KIND_LABELS: Record<string, string> = {
  BUDGET: "Budget",
  INVITATION: "Invitation",
  QUOTA: "Quota",
  RUNTIME_FAILURE: "Runtime",
  APPROVAL: "Approval",
};

const format = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

/** One spelling of a notification's time, the same on the server and in the browser. */
export function notificationTime(at: Date | string): string {
  return `${format.format(new Date(at))} UTC`;
}
