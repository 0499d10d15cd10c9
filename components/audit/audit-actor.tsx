import type { AuditEventRow } from "@/lib/audit/list-audit-events";
import { Email } from "@/components/ui/email";

export function AuditActor({ actor }: { actor: AuditEventRow["actor"] }) {
  if (!actor) return <span className="text-slate-500">Canopy</span>;
  const name = actor.name ?? actor.email ?? "Unknown user";
  return (
    <>
      <span className="block font-medium text-slate-900">{name}</span>
      {actor.email && actor.email !== name ? (
        <Email address={actor.email} className="block text-xs text-slate-500" />
      ) : null}
    </>
  );
}
