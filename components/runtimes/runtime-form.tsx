"use client";

import Link from "next/link";
import { useRef } from "react";
import type { RuntimeFormValues } from "@/lib/runtimes/runtime-form";
import { FormMessage } from "@/components/forms/form-message";
import { BasicsSection } from "@/components/runtimes/runtime-form/basics-section";
import { EnvironmentSection } from "@/components/runtimes/runtime-form/environment-section";
import { PortsSection } from "@/components/runtimes/runtime-form/ports-section";
import { PublicEndpointSection } from "@/components/runtimes/runtime-form/public-endpoint-section";
import { ResourcesSection } from "@/components/runtimes/runtime-form/resources-section";
import { VolumesSection } from "@/components/runtimes/runtime-form/volumes-section";
import { PreflightPanel } from "@/components/runtimes/preflight-panel";
import { useRuntimeForm, type RuntimeFormActions } from "@/components/runtimes/use-runtime-form";
import { Button } from "@/components/ui/button";
import { buttonClass } from "@/components/ui/button-class";
import { useWorkspaceLinks } from "@/components/workspace/use-environment";

// The create and edit form of a runtime: one section per part of the runtime, and the
// preflight beside them. Its behaviour (state, debounced preflight, focus) is
// use-runtime-form.ts; field errors from the server are keyed by dotted path ("env.2.name")
// and each lands next to its input.

export function RuntimeForm({
  slug,
  mode,
  actions,
  initial,
  runtimeClasses,
  defaultRuntimeClass,
  volumes,
  baseDomain,
}: {
  slug: string;
  mode: "create" | "edit";
  actions: RuntimeFormActions;
  initial: RuntimeFormValues;
  runtimeClasses: string[];
  defaultRuntimeClass: string;
  volumes: { name: string; status: string }[];
  baseDomain: string;
}) {
  const formRef = useRef<HTMLFormElement>(null);
  const messageRef = useRef<HTMLDivElement>(null);
  const { page } = useWorkspaceLinks(slug);
  const form = useRuntimeForm({ actions, editing: mode === "edit", initial, formRef, messageRef });
  const { editing, state, submitting, submitMessage } = form;
  return (
    <form
      ref={formRef}
      onSubmit={form.submit}
      noValidate
      aria-label={editing ? `Edit runtime ${state.name}` : "Create runtime"}
      className="grid grid-cols-1 gap-6 lg:grid-cols-[minmax(0,1fr)_22rem]"
    >
      <div className="flex min-w-0 flex-col gap-6">
        <BasicsSection form={form} />
        <EnvironmentSection form={form} />
        <PortsSection form={form} />
        <PublicEndpointSection form={form} baseDomain={baseDomain} />
        <ResourcesSection form={form} runtimeClasses={runtimeClasses} defaultRuntimeClass={defaultRuntimeClass} />
        <VolumesSection form={form} slug={slug} volumes={volumes} />
      </div>

      <div className="flex min-w-0 flex-col gap-4 lg:sticky lg:top-4 lg:self-start">
        <PreflightPanel
          view={form.view}
          checking={form.checking}
          onCheck={form.check}
          verb={editing ? "save" : "create"}
          problems={form.problems}
          onFocusField={form.focusField}
        />
        <div ref={messageRef} tabIndex={-1} className="outline-none">
          <FormMessage state={submitMessage ? { ok: false, message: submitMessage } : null} />
        </div>
        <div className="flex flex-wrap items-center justify-end gap-2">
          <Link
            href={editing ? page(`/runtimes/${state.name}`) : page(`/runtimes`)}
            className={buttonClass({ variant: "secondary" })}
          >
            Cancel
          </Link>
          <Button type="submit" disabled={submitting} aria-busy={submitting || undefined}>
            {submitting ? (editing ? "Saving…" : "Creating…") : editing ? "Save changes" : "Create runtime"}
          </Button>
        </div>
      </div>
    </form>
  );
}
