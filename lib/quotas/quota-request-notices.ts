import { env } from "@/lib/config/env";
import { db } from "@/lib/db/client";
import { sendMail } from "@/lib/mail/send-mail";
import { notifyApprovalDecided, notifyApprovalRequested } from "@/lib/notifications/approval-notifications";
import { componentLogger } from "@/lib/observability/logger";
import { formatQuotaAmount, QUOTA_KEYS } from "@/lib/quotas/quota-keys";

// Tells the requester about each step of their quota-increase request: by mail when it is
// asked and when it is decided, and in the app (the bell) when it is decided. Runs after the
// step has committed; a failure here is logged, never undoes the step.

const log = componentLogger("quota-requests");

type Step = "requested" | "approved" | "auto-approved" | "denied";

export const QUOTA_REQUEST_SUBJECT = "quota-increase";

export async function tellRequester(requestId: string, step: Step): Promise<void> {
  try {
    const request = await db().quotaIncreaseRequest.findUniqueOrThrow({
      where: { id: requestId },
      select: {
        id: true,
        state: true,
        decisionReason: true,
        requestedBy: { select: { id: true, email: true } },
        workspace: { select: { id: true, slug: true, displayName: true } },
        lines: { select: { key: true, requested: true, granted: true } },
      },
    });
    const requester = request.requestedBy;
    if (!requester) return;
    const workspace = request.workspace.displayName;
    const href = `/w/${request.workspace.slug}/quota`;
    const order = QUOTA_KEYS.map((spec) => spec.key as string);
    const lines = [...request.lines].sort((a, b) => order.indexOf(a.key) - order.indexOf(b.key));
    const amounts = lines.map((line) => {
      const key = line.key as (typeof QUOTA_KEYS)[number]["key"];
      const label = QUOTA_KEYS.find((spec) => spec.key === key)!.label;
      const asked = formatQuotaAmount(key, line.requested);
      if (step === "requested" || step === "denied" || line.granted === null) return `${label}: ${asked}`;
      const granted = formatQuotaAmount(key, line.granted);
      return line.granted === line.requested ? `${label}: ${granted}` : `${label}: ${granted} (asked ${asked})`;
    });
    const title = {
      requested: `Quota increase requested for ${workspace}`,
      approved: `Quota increase approved for ${workspace}`,
      "auto-approved": `Quota increase approved for ${workspace}`,
      denied: `Quota increase denied for ${workspace}`,
    }[step];
    const lead = {
      requested: "Your request is waiting for a platform operator's decision. You will hear when it is decided.",
      approved: "A platform operator approved your request; the new limits apply now.",
      "auto-approved": "Your request was within what Canopy approves on its own; the new limits apply now.",
      denied: "A platform operator denied your request.",
    }[step];
    const reason = request.decisionReason ? `Reason: ${request.decisionReason}` : "";
    const body = [lead, ...amounts, reason].filter(Boolean).join("\n");
    if (step !== "requested") {
      await notifyApprovalDecided(
        requester.id,
        { type: QUOTA_REQUEST_SUBJECT, id: request.id, workspaceId: request.workspace.id, href },
        step === "denied" ? "declined" : "approved",
        { title, body: [lead, reason].filter(Boolean).join(" ") },
      );
    }
    if (requester.email) {
      const link = new URL(href, env().NEXTAUTH_URL).toString();
      await sendMail({ to: requester.email, subject: title, text: `${body}\n\nSee the request: ${link}\n` });
    }
  } catch (error) {
    log.error({ err: error, requestId, step }, "telling the requester failed");
  }
}

/** Tells the platform's administrators (in the app) that a request waits in their queue. */
export async function tellOperators(requestId: string): Promise<void> {
  try {
    const [request, admins] = await Promise.all([
      db().quotaIncreaseRequest.findUniqueOrThrow({
        where: { id: requestId },
        select: { workspace: { select: { id: true, displayName: true } } },
      }),
      db().platformAdmin.findMany({
        where: { revokedAt: null, user: { disabledAt: null } },
        select: { userId: true },
      }),
    ]);
    await notifyApprovalRequested(
      admins.map((admin) => admin.userId),
      { type: QUOTA_REQUEST_SUBJECT, id: requestId, href: "/admin/quota-requests" },
      { title: `${request.workspace.displayName} asks for more quota`, body: "Approve or deny it in the queue." },
    );
  } catch (error) {
    log.error({ err: error, requestId }, "telling the operators failed");
  }
}
