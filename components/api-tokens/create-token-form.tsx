"use client";

import { useState } from "react";
import { Field, SelectField } from "@/components/forms/field";
import { FormMessage } from "@/components/forms/form-message";
import { SubmitButton } from "@/components/forms/submit-button";
import { useFormAction, type FormAction } from "@/components/forms/use-form-action";
import { Button } from "@/components/ui/button";
import { cardClass } from "@/components/ui/card";
import { DateTime } from "@/components/ui/date-time";

// Makes a personal access token: a name, a role up to the member's own, a lifetime up to
// the operator's maximum, optionally one environment. The token is shown once, right here,
// with a way to copy it. The role starts at the lowest (least privilege); the member raises
// it on purpose.

interface Created {
  name: string;
  token: string;
  expiresAt: string;
  environment: string | null;
}

const LIFETIMES = [1, 7, 30, 90, 365];
const FIELDS = ["name", "role", "environment", "expiresInDays"] as const;

export function CreateTokenForm({
  action,
  roles,
  environments,
  maxDays,
  origin,
  slug,
}: {
  action: FormAction<Created>;
  roles: { value: string; label: string }[];
  /** The workspace's environments (name and display name). */
  environments: { environment: string; displayName: string }[];
  maxDays: number;
  origin: string;
  slug: string;
}) {
  const { formAction, errorsFor, failure, result } = useFormAction(action, { fields: FIELDS });
  const [copied, setCopied] = useState(false);
  const lifetimes = [...new Set([...LIFETIMES.filter((d) => d <= maxDays), maxDays])].sort((a, b) => a - b);

  return (
    <div className="flex flex-col gap-4">
      <form
        action={(formData) => {
          setCopied(false);
          formAction(formData);
        }}
        noValidate
        className={cardClass({
          padding: "none",
          className: "grid gap-4 p-4 sm:grid-cols-2 sm:items-end lg:grid-cols-[1fr_9rem_10rem_9rem_auto]",
        })}
      >
        <Field
          label="Token name"
          name="name"
          placeholder="ci-deploy"
          required
          maxLength={64}
          errors={errorsFor("name")}
        />
        <SelectField
          label="Role"
          name="role"
          defaultValue={roles[0]?.value}
          options={roles}
          errors={errorsFor("role")}
        />
        <SelectField
          label="Environment"
          name="environment"
          defaultValue=""
          options={[
            { value: "", label: "All environments" },
            ...environments.map((e) => ({ value: e.environment, label: e.displayName })),
          ]}
          errors={errorsFor("environment")}
        />
        <SelectField
          label="Expires after"
          name="expiresInDays"
          defaultValue={String(Math.min(30, maxDays))}
          options={lifetimes.map((d) => ({ value: String(d), label: `${d} day${d === 1 ? "" : "s"}` }))}
          errors={errorsFor("expiresInDays")}
        />
        <SubmitButton pendingLabel="Creating…">Create token</SubmitButton>
      </form>
      <FormMessage state={failure} />
      {result ? (
        <div className="border-brand-100 bg-brand-50 flex flex-col gap-3 rounded-xl border p-4 text-sm">
          <p role="status">
            Token “{result.name}” is ready. It expires <DateTime at={result.expiresAt} />.{" "}
            <strong>Copy it now: it is shown only this once.</strong>
          </p>
          <div className="flex flex-col gap-2 sm:flex-row sm:items-center">
            <label className="flex min-w-0 flex-1 flex-col gap-1">
              <span className="sr-only">New API token</span>
              <input
                readOnly
                value={result.token}
                data-testid="new-api-token"
                onFocus={(event) => event.currentTarget.select()}
                className="w-full min-w-0 rounded-md border border-slate-300 bg-white px-3 py-2 font-mono text-xs"
              />
            </label>
            <Button
              variant="secondary"
              size="sm"
              onClick={() => void navigator.clipboard.writeText(result.token).then(() => setCopied(true))}
            >
              {copied ? "Copied" : "Copy token"}
            </Button>
          </div>
          <pre className="overflow-x-auto rounded-md bg-slate-900 p-3 text-xs text-slate-100">
            {`curl -H "Authorization: Bearer $CANOPY_TOKEN" \\\n  ${origin}/api/v1/workspaces/${slug}/runtimes${
              result.environment ? `?environment=${result.environment}` : ""
            }`}
          </pre>
        </div>
      ) : null}
    </div>
  );
}
