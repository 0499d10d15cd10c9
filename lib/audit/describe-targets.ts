import { db } from "@/lib/db/client";

// What an audit event acted on, named for people: a member by name and email, an
// invitation by the address invited, a kubeconfig by its label, the workspace by its name.
// Runtimes and volumes are recorded by name already. Looked up for a page of events at
// once (one query per kind of target), and only inside the workspace being read.

export interface AuditTarget {
  /** "Runtime", "Member", ... */
  kind: string;
  /** The name people know it by, or the recorded id when it is gone without a trace. */
  label: string;
  /** The recorded id, for the full details. */
  id: string | null;
}

const KINDS: Record<string, string> = {
  runtime: "Runtime",
  volume: "Volume",
  membership: "Member",
  invitation: "Invitation",
  kubeconfig: "Kubeconfig",
  workspace: "Workspace",
  budget: "Budget",
  credit: "Credit",
  quotaRequest: "Quota request",
  apiToken: "API token",
};

interface EventRef {
  targetType: string | null;
  targetId: string | null;
  details: Record<string, unknown>;
}

const person = (user: { name: string | null; email: string | null }) =>
  user.name && user.email ? `${user.name} (${user.email})` : (user.name ?? user.email ?? "a former user");

function idsOf(events: EventRef[], type: string): string[] {
  return [...new Set(events.filter((e) => e.targetType === type && e.targetId).map((e) => e.targetId!))];
}

/** The people-readable target of each event, in order; null where an event has none. */
export async function describeTargets(workspaceId: string, events: EventRef[]): Promise<(AuditTarget | null)[]> {
  const [memberships, invitations, kubeconfigs, workspace] = await Promise.all([
    idsOf(events, "membership").length
      ? db().membership.findMany({
          where: { workspaceId, id: { in: idsOf(events, "membership") } },
          select: { id: true, user: { select: { name: true, email: true } } },
        })
      : [],
    idsOf(events, "invitation").length
      ? db().invitation.findMany({
          where: { workspaceId, id: { in: idsOf(events, "invitation") } },
          select: { id: true, email: true },
        })
      : [],
    idsOf(events, "kubeconfig").length
      ? db().kubeconfigCredential.findMany({
          where: { workspaceId, id: { in: idsOf(events, "kubeconfig") } },
          select: { id: true, label: true, user: { select: { name: true, email: true } } },
        })
      : [],
    events.some((e) => e.targetType === "workspace" || e.targetType === "budget")
      ? db().workspace.findUnique({ where: { id: workspaceId }, select: { displayName: true } })
      : null,
  ]);
  const labels = new Map<string, string>([
    ...memberships.map((m) => [`membership/${m.id}`, person(m.user)] as const),
    ...invitations.map((i) => [`invitation/${i.id}`, i.email] as const),
    ...kubeconfigs.map((k) => [`kubeconfig/${k.id}`, `“${k.label}” of ${person(k.user)}`] as const),
  ]);
  return events.map((event) => {
    if (!event.targetType) return null;
    const recorded = (key: string) => (typeof event.details[key] === "string" ? (event.details[key] as string) : null);
    const label =
      (event.targetId ? labels.get(`${event.targetType}/${event.targetId}`) : undefined) ??
      (event.targetType === "workspace" || event.targetType === "budget" ? workspace?.displayName : undefined) ??
      // Gone since (a removed member, a deleted invitation): what the event itself recorded.
      recorded("email") ??
      recorded("label") ??
      (event.targetType === "apiToken" ? recorded("name") : null) ??
      event.targetId ??
      "—";
    return { kind: KINDS[event.targetType] ?? event.targetType, label, id: event.targetId };
  });
}
