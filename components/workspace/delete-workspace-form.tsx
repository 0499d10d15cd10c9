"use client";

import { useRouter } from "next/navigation";
import type { DeletionInventory } from "@/lib/workspaces/deletion-inventory";
import { ConfirmAction } from "@/components/forms/confirm-action";
import type { FormAction } from "@/components/forms/use-form-action";
import { useToast } from "@/components/ui/toast";

const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** The dialog's list of what goes with the workspace. */
function Inventory({ inventory }: { inventory: DeletionInventory }) {
  const items = [
    inventory.runtimes.length
      ? `${count(inventory.runtimes.length, "runtime", "runtimes")} and all their pods: ${inventory.runtimes.join(", ")}`
      : null,
    inventory.volumes.length
      ? `${count(inventory.volumes.length, "volume", "volumes")} and all data on ${inventory.volumes.length === 1 ? "it" : "them"}: ${inventory.volumes
          .map((v) => `${v.name} (${v.size})`)
          .join(", ")}`
      : null,
    inventory.publicAddresses.length ? `public addresses: ${inventory.publicAddresses.join(", ")}` : null,
    inventory.otherMembers
      ? `the memberships of ${count(inventory.otherMembers, "other member", "other members")}`
      : null,
    inventory.pendingInvitations
      ? count(inventory.pendingInvitations, "pending invitation", "pending invitations")
      : null,
    inventory.liveKubeconfigs
      ? count(inventory.liveKubeconfigs, "kubeconfig", "kubeconfigs") + " (they stop working)"
      : null,
  ].filter((item): item is string => item !== null);
  if (items.length === 0) return <p>Nothing runs or is stored in it yet.</p>;
  return (
    <ul aria-label="What will be destroyed" className="list-disc pl-5 break-words">
      {items.map((item) => (
        <li key={item}>{item}</li>
      ))}
    </ul>
  );
}

/**
 * "Delete workspace" behind a dialog that lists what will be destroyed and asks for the
 * slug to be typed (checked on the server too). A toast confirms it on the dashboard.
 */
export function DeleteWorkspaceForm({
  action,
  slug,
  displayName,
  namespace,
  inventory,
}: {
  action: FormAction<{ message: string }>;
  slug: string;
  displayName: string;
  namespace: string;
  inventory: DeletionInventory;
}) {
  const toast = useToast();
  const router = useRouter();
  return (
    <ConfirmAction
      action={action}
      triggerLabel="Delete workspace"
      triggerVariant="danger"
      triggerSize="md"
      title={`Delete ${displayName}?`}
      description={
        <div className="flex flex-col gap-2 text-sm text-slate-700">
          <p>
            This deletes namespace <code className="rounded bg-slate-100 px-1">{namespace}</code> with everything
            running and stored in it. It cannot be undone. Destroyed with it:
          </p>
          <Inventory inventory={inventory} />
        </div>
      }
      typeToConfirm={{ field: "confirmSlug", expected: slug }}
      confirmLabel="Delete this workspace"
      pendingLabel="Deleting…"
      onSuccess={(data) => {
        toast({ message: (data as { message: string }).message });
        router.replace("/dashboard");
      }}
    />
  );
}
