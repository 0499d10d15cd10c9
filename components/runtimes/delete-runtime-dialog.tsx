"use client";

import { useRouter } from "next/navigation";
import { ConfirmAction } from "@/components/forms/confirm-action";
import type { FormAction } from "@/components/forms/use-form-action";
import { pauseRuntime } from "@/components/runtimes/runtime-queries";
import { useToast } from "@/components/ui/toast";
import { useEnvironment, useWorkspaceLinks } from "@/components/workspace/use-environment";

/**
 * "Delete" behind a dialog that asks for the runtime's name to be typed (checked on the
 * server too). Once deleted, a toast says so and the runtimes list replaces the page, which
 * stops asking for the runtime from the moment the deletion is sent.
 */
export function DeleteRuntimeDialog({
  action,
  slug,
  name,
}: {
  action: FormAction<{ message: string }>;
  slug: string;
  name: string;
}) {
  const toast = useToast();
  const router = useRouter();
  const { page } = useWorkspaceLinks(slug);
  const environment = useEnvironment();
  const deleteAction: FormAction<{ message: string }> = async (previous, formData) => {
    pauseRuntime(slug, environment, name);
    const result = await action(previous, formData);
    if (!result.ok) pauseRuntime(slug, environment, name, false);
    return result;
  };
  return (
    <ConfirmAction
      action={deleteAction}
      fields={{ name }}
      triggerLabel="Delete"
      triggerVariant="danger-outline"
      triggerSize="md"
      title={`Delete runtime ${name}?`}
      description={
        <p className="text-sm text-slate-700">
          This stops and removes every pod of <span className="font-mono font-medium">{name}</span>, its Service, its
          stored secret values and its public address. Volumes it mounts are kept. It cannot be undone.
        </p>
      }
      typeToConfirm={{ field: "confirmName", expected: name }}
      confirmLabel="Delete runtime"
      pendingLabel="Deleting…"
      onSuccess={(data) => {
        toast({ message: (data as { message: string }).message });
        router.replace(page(`/runtimes`));
      }}
    />
  );
}
