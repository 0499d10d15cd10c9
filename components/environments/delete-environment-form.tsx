"use client";

import type { EnvironmentInventory } from "@/lib/environments/delete-environment";
import { ConfirmAction } from "@/components/forms/confirm-action";
import type { FormAction } from "@/components/forms/use-form-action";
import { useToast } from "@/components/ui/toast";

/** "Delete environment" behind a dialog that lists what goes and asks for the name to be typed (checked on the server too). */
export function DeleteEnvironmentForm({
  action,
  environment,
  displayName,
  inventory,
}: {
  action: FormAction<{ message: string }>;
  environment: string;
  displayName: string;
  inventory: EnvironmentInventory;
}) {
  const toast = useToast();
  const items = [
    ...inventory.runtimes.map((name) => `runtime ${name} and its pods`),
    ...inventory.volumes.map((v) => `volume ${v.name} (${v.size}) and all data on it`),
  ];
  return (
    <ConfirmAction
      action={action}
      fields={{ environment }}
      triggerLabel="Delete"
      triggerVariant="danger-outline"
      title={`Delete ${displayName}?`}
      description={
        <div className="flex flex-col gap-2 text-sm text-slate-700">
          <p>
            This deletes namespace <code className="rounded bg-slate-100 px-1">{inventory.namespace}</code> with
            everything in it; its quota goes back to the default environment. Past usage and charges stay on the
            workspace&apos;s bills. It cannot be undone.
          </p>
          {items.length ? (
            <ul aria-label="What will be destroyed" className="list-disc pl-5 break-words">
              {items.map((item) => (
                <li key={item}>{item}</li>
              ))}
            </ul>
          ) : (
            <p>Nothing runs or is stored in it.</p>
          )}
        </div>
      }
      typeToConfirm={{ field: "confirm", expected: environment }}
      confirmLabel="Delete this environment"
      pendingLabel="Deleting…"
      onSuccess={(data) => toast({ message: (data as { message: string }).message })}
    />
  );
}
