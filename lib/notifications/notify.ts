import { db } from "@/lib/db/client";
import type { NotificationKind } from "@/lib/db/generated/client";

// The one writer of notifications. Each carries a key naming its cause (see the producers
// beside this file); a recipient holds at most one notification per key (a unique index),
// so a retried run or a second worker inserts nothing new.

export interface NotificationInput {
  kind: NotificationKind;
  /** The cause, unique per recipient: e.g. "budget:<workspace>:2026-12:80". */
  key: string;
  workspaceId?: string | null;
  title: string;
  body?: string;
  /** A path inside the portal. */
  href?: string | null;
  subjectType?: string | null;
  subjectId?: string | null;
}

/** Notifies each of `userIds` once per key; returns how many notifications were new. */
export async function notify(userIds: readonly string[], input: NotificationInput): Promise<number> {
  const recipients = [...new Set(userIds)];
  if (recipients.length === 0) return 0;
  const { count } = await db().notification.createMany({
    data: recipients.map((userId) => ({
      userId,
      kind: input.kind,
      key: input.key,
      workspaceId: input.workspaceId ?? null,
      title: input.title,
      body: input.body ?? "",
      href: input.href ?? null,
      subjectType: input.subjectType ?? null,
      subjectId: input.subjectId ?? null,
    })),
    skipDuplicates: true, // ON CONFLICT DO NOTHING on (user_id, key)
  });
  return count;
}
