import type { AuditEventRow } from "@/lib/audit/list-audit-events";

export function AuditActor({ actor }: { actor: AuditEventRow["actor"] }) {
  if (!actor) return <span className="text-slate-500">Canopy</span>;
  const name = actor.name ?? actor.email ?? "Unknown user";
  return (
    <>
      <span className="block font-medium text-slate-900">{name}</span>
      {actor.email && actor.email !== name ? (
        <span className="block text-xs break-all text-slate-500">{actor.email}</span>
      ) : null}
    </>
  );
}
