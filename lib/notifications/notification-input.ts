import { z } from "zod";

export const notificationIdInput = z.object({
  id: z.string({ error: "Name a notification." }).min(1, "Name a notification.").max(64, "Not a notification id."),
});

export const listNotificationsInput = z.object({
  limit: z.coerce
    .number({ error: "limit must be a number." })
    .int("limit must be a whole number.")
    .min(1, "limit must be at least 1.")
    .max(50, "limit must be at most 50.")
    .default(8),
});
