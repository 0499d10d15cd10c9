"use client";

import "@xterm/xterm/css/xterm.css";
import Link from "next/link";
import { useId, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { useTerminalSession } from "@/components/runtimes/use-terminal-session";
import { useWorkspaceLinks } from "@/components/workspace/use-environment";
import { DEFAULT_ENVIRONMENT } from "@/lib/environments/environment-param";

// A shell in one of a runtime's running pods: pick the pod, type, copy and paste, and see
// plainly when and why the session ended (the shell exited, the pod went away).

export function RuntimeTerminal({ slug, name, pods }: { slug: string; name: string; pods: string[] }) {
  // "" lets the portal pick the runtime's newest running pod, so reconnecting after a pod
  // went away lands in its replacement.
  const [pod, setPod] = useState("");
  const [attempt, setAttempt] = useState(0);
  const { page, environment } = useWorkspaceLinks(slug);
  const { element, state, hasSelection, copy, paste } = useTerminalSession(
    {
      workspace: slug,
      env: environment === DEFAULT_ENVIRONMENT ? undefined : environment,
      runtime: name,
      pod: pod || undefined,
    },
    attempt,
  );
  const reconnect = () => setAttempt((n) => n + 1);
  const podField = useId();
  const [clipboardError, setClipboardError] = useState<string | null>(null);
  const guard = (action: () => Promise<void>) => () => {
    setClipboardError(null);
    action().catch(() => setClipboardError("The browser did not allow access to the clipboard."));
  };

  return (
    <div className="flex flex-col gap-3">
      <div className="flex flex-wrap items-end gap-3">
        <div className="flex min-w-0 flex-col gap-1">
          <label htmlFor={podField} className="text-xs text-slate-500">
            Pod
          </label>
          <select
            id={podField}
            value={pod}
            onChange={(event) => setPod(event.target.value)}
            className="max-w-full rounded-md border border-slate-300 bg-white px-2 py-1.5 font-mono text-xs"
          >
            <option value="">Newest running pod</option>
            {pods.map((p) => (
              <option key={p} value={p}>
                {p}
              </option>
            ))}
          </select>
        </div>
        <div className="flex flex-wrap gap-2">
          <Button variant="secondary" size="sm" onClick={guard(copy)} disabled={!hasSelection}>
            Copy
          </Button>
          <Button variant="secondary" size="sm" onClick={guard(paste)} disabled={state.kind !== "open"}>
            Paste
          </Button>
          {state.kind === "closed" ? (
            <Button size="sm" onClick={reconnect}>
              Reconnect
            </Button>
          ) : null}
        </div>
        <p role="status" className="min-w-0 text-sm text-slate-600 sm:ml-auto">
          {state.kind === "connecting" ? "Connecting…" : null}
          {state.kind === "open" ? (
            <>
              Connected to <span className="font-mono text-xs break-all">{state.pod}</span>
            </>
          ) : null}
          {state.kind === "closed" ? "Disconnected" : null}
        </p>
      </div>
      {state.kind === "closed" ? (
        <Alert tone={state.tone === "error" ? "error" : "warning"} role="alert">
          {state.message}
        </Alert>
      ) : null}
      {clipboardError ? <Alert>{clipboardError}</Alert> : null}
      <section
        aria-label={`Terminal in ${name}`}
        className="overflow-hidden rounded-xl border border-slate-800 bg-slate-900 p-2"
      >
        <div ref={element} className="h-[60vh] min-h-64 w-full" data-testid="terminal" />
      </section>
      <p className="text-xs text-slate-500">
        Ctrl+Shift+C copies the selection and Ctrl+Shift+V pastes (⌘C and ⌘V on a Mac). The session is recorded in the
        workspace&apos;s audit log.{" "}
        <Link href={page(`/runtimes/${name}`)} className="text-brand-700 hover:underline">
          Back to {name}
        </Link>
      </p>
    </div>
  );
}
