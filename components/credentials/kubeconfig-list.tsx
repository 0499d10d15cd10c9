"use client";

import { useActionState } from "react";
import { revokeAllKubeconfigsAction, revokeKubeconfigAction } from "@/app/(console)/w/[slug]/kubeconfig/actions";
import { FormMessage } from "@/components/forms/form-message";
import { SubmitButton } from "@/components/forms/submit-button";

interface Item {
  id: string;
  label: string;
  owner: { membershipId: string; name: string | null; email: string | null };
  createdAt: string;
  expiresAt: string;
  revokedAt: string | null;
  status: "active" | "expired" | "revoked";
}

const statusStyle = {
  active: "bg-brand-50 text-brand-800 border-brand-100",
  expired: "bg-slate-100 text-slate-600 border-slate-200",
  revoked: "bg-red-50 text-red-800 border-red-200",
};

function when(iso: string) {
  return new Date(iso).toLocaleString();
}

function RevokeButton({ slug, item }: { slug: string; item: Item }) {
  const [state, action] = useActionState(revokeKubeconfigAction.bind(null, slug), null);
  return (
    <form
      action={action}
      onSubmit={(event) => {
        if (!window.confirm(`Revoke the kubeconfig "${item.label}"? kubectl using it stops working.`))
          event.preventDefault();
      }}
    >
      <input type="hidden" name="credentialId" value={item.id} />
      <SubmitButton variant="secondary" pendingLabel="Revoking…" aria-label={`Revoke ${item.label}`}>
        Revoke
      </SubmitButton>
      <FormMessage state={state && !state.ok ? state : null} />
    </form>
  );
}

export function KubeconfigList({
  slug,
  items,
  showOwner,
  ownMembershipId,
}: {
  slug: string;
  items: Item[];
  showOwner: boolean;
  ownMembershipId: string;
}) {
  const [revokeAllState, revokeAll] = useActionState(revokeAllKubeconfigsAction.bind(null, slug), null);
  const ownActive = items.filter((i) => i.status === "active" && i.owner.membershipId === ownMembershipId).length;

  if (items.length === 0) {
    return (
      <p className="rounded-xl border border-dashed border-slate-300 bg-white p-6 text-sm text-slate-600">
        No kubeconfigs issued yet. Create one above to use kubectl with this workspace.
      </p>
    );
  }
  return (
    <div className="flex flex-col gap-3">
      <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white">
        <table className="w-full text-left text-sm">
          <thead className="border-b border-slate-200 bg-slate-50 text-xs text-slate-600 uppercase">
            <tr>
              <th className="px-4 py-2">Name</th>
              {showOwner ? <th className="px-4 py-2">Member</th> : null}
              <th className="px-4 py-2">Issued</th>
              <th className="px-4 py-2">Expires</th>
              <th className="px-4 py-2">Status</th>
              <th className="px-4 py-2">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {items.map((item) => (
              <tr key={item.id} className="border-b border-slate-100 last:border-0">
                <td className="px-4 py-2 font-medium">{item.label}</td>
                {showOwner ? <td className="px-4 py-2">{item.owner.name ?? item.owner.email}</td> : null}
                <td className="px-4 py-2 whitespace-nowrap">{when(item.createdAt)}</td>
                <td className="px-4 py-2 whitespace-nowrap">{when(item.expiresAt)}</td>
                <td className="px-4 py-2">
                  <span className={`rounded-full border px-2 py-0.5 text-xs ${statusStyle[item.status]}`}>
                    {item.status}
                  </span>
                </td>
                <td className="px-4 py-2 text-right">
                  {item.status === "active" ? <RevokeButton slug={slug} item={item} /> : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {ownActive > 0 ? (
        <form
          action={revokeAll}
          onSubmit={(event) => {
            if (!window.confirm(`Revoke all ${ownActive} of your active kubeconfigs for this workspace?`))
              event.preventDefault();
          }}
          className="flex flex-col items-start gap-2"
        >
          <SubmitButton variant="danger" pendingLabel="Revoking…">
            Revoke all my kubeconfigs
          </SubmitButton>
          <FormMessage
            state={
              revokeAllState
                ? revokeAllState.ok
                  ? { ok: true, message: `Revoked ${revokeAllState.data.revoked} kubeconfig(s).` }
                  : revokeAllState
                : null
            }
          />
        </form>
      ) : null}
    </div>
  );
}
