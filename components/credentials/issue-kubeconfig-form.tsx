"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Field, SelectField } from "@/components/forms/field";
import { Button } from "@/components/ui/button";
import { cardClass } from "@/components/ui/card";
import { Alert } from "@/components/ui/alert";
import { DateTime } from "@/components/ui/date-time";
import { useWorkspaceLinks } from "@/components/workspace/use-environment";

const LIFETIMES = [1, 8, 24, 72, 168];

function lifetimeLabel(hours: number): string {
  return hours < 24 ? `${hours} hour${hours === 1 ? "" : "s"}` : `${hours / 24} day${hours === 24 ? "" : "s"}`;
}

interface Issued {
  kubeconfig: string;
  filename: string;
  expiresAt: string;
  capped: boolean;
}

export function IssueKubeconfigForm({
  slug,
  defaultHours,
  maxHours,
}: {
  slug: string;
  defaultHours: number;
  maxHours: number;
}) {
  const router = useRouter();
  const { api } = useWorkspaceLinks(slug);
  const [pending, setPending] = useState(false);
  const [issued, setIssued] = useState<Issued | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string[]>>({});
  const [copied, setCopied] = useState(false);
  const options = [...new Set([...LIFETIMES.filter((h) => h <= maxHours), maxHours])].sort((a, b) => a - b);

  async function submit(form: HTMLFormElement) {
    setPending(true);
    setError(null);
    setFieldErrors({});
    setCopied(false);
    try {
      const response = await fetch(api("/kubeconfigs"), {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify(Object.fromEntries(new FormData(form))),
      });
      const body = await response.json();
      if (!response.ok) {
        setError(body.error ?? "The kubeconfig could not be issued.");
        setFieldErrors(body.fieldErrors ?? {});
        return;
      }
      setIssued(body as Issued);
      router.refresh();
    } catch {
      setError("The portal could not be reached. Check your connection and try again.");
    } finally {
      setPending(false);
    }
  }

  function download() {
    if (!issued) return;
    const url = URL.createObjectURL(new Blob([issued.kubeconfig], { type: "application/yaml" }));
    const link = Object.assign(document.createElement("a"), { href: url, download: issued.filename });
    link.click();
    URL.revokeObjectURL(url);
  }

  return (
    <div className="flex flex-col gap-4">
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void submit(event.currentTarget);
        }}
        className={cardClass({
          padding: "none",
          className: "grid max-w-2xl gap-4 p-5 sm:grid-cols-[1fr_12rem_auto] sm:items-end",
        })}
      >
        <Field label="Name" name="label" defaultValue="kubectl" required errors={fieldErrors.label} />
        <SelectField
          label="Expires after"
          name="lifetimeHours"
          defaultValue={String(defaultHours)}
          options={options.map((h) => ({ value: String(h), label: lifetimeLabel(h) }))}
          errors={fieldErrors.lifetimeHours}
        />
        <Button type="submit" disabled={pending} aria-busy={pending || undefined}>
          {pending ? "Issuing…" : "Create kubeconfig"}
        </Button>
      </form>
      {error ? <Alert className="max-w-2xl">{error}</Alert> : null}
      {issued ? (
        <div className="border-brand-100 bg-brand-50 flex max-w-3xl flex-col gap-3 rounded-xl border p-5 text-sm">
          <p role="status">
            Your kubeconfig is ready. It expires <DateTime at={issued.expiresAt} />.
            {issued.capped ? ` The lifetime was shortened to the maximum of ${lifetimeLabel(maxHours)}.` : ""} It is
            shown only now: download or copy it.
          </p>
          <div className="flex flex-wrap gap-2">
            <Button size="sm" onClick={download}>
              Download {issued.filename}
            </Button>
            <Button
              variant="secondary"
              size="sm"
              onClick={() => void navigator.clipboard.writeText(issued.kubeconfig).then(() => setCopied(true))}
            >
              {copied ? "Copied" : "Copy to clipboard"}
            </Button>
          </div>
          <label className="flex flex-col gap-1">
            <span className="font-medium">Kubeconfig</span>
            <textarea
              readOnly
              value={issued.kubeconfig}
              rows={8}
              data-testid="kubeconfig-text"
              className="rounded-md border border-slate-300 bg-white p-2 font-mono text-xs"
            />
          </label>
          <div>
            <p className="font-medium">Use it with kubectl</p>
            <pre className="mt-1 overflow-x-auto rounded-md bg-slate-900 p-3 text-xs text-slate-100">
              {`export KUBECONFIG=~/Downloads/${issued.filename}\nkubectl get pods\nkubectl auth can-i --list`}
            </pre>
          </div>
        </div>
      ) : null}
    </div>
  );
}
