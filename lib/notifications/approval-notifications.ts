import { notify } from "@/lib/notifications/notify";

// Approvals: something waits for someone's yes or no (the first will be a workspace's
// quota-increase request, decided by the platform operator). A request names itself by
// type and id; the approvers are told once when it is asked, the requester once when it
// is decided. The notification's subject (type, id) lets the approval's own page find it.

export interface ApprovalSubject {
  /** e.g. "quota-increase" */
  type: string;
  id: string;
  workspaceId?: string | null;
  /** The page where it is decided, or read. */
  href: string;
}

export function notifyApprovalRequested(
  approverIds: readonly string[],
  subject: ApprovalSubject,
  text: { title: string; body?: string },
): Promise<number> {
  return notify(approverIds, {
    kind: "APPROVAL",
    key: `approval:${subject.type}:${subject.id}:requested`,
    workspaceId: subject.workspaceId ?? null,
    title: text.title,
    body: text.body,
    href: subject.href,
    subjectType: subject.type,
    subjectId: subject.id,
  });
}

export function notifyApprovalDecided(
  requesterId: string,
  subject: ApprovalSubject,
  decision: "approved" | "declined",
  text: { title: string; body?: string },
): Promise<number> {
  return notify([requesterId], {
    kind: "APPROVAL",
    key: `approval:${subject.type}:${subject.id}:${decision}`,
    workspaceId: subject.workspaceId ?? null,
    title: text.title,
    body: text.body,
    href: subject.href,
    subjectType: subject.type,
    subjectId: subject.id,
  });
}
