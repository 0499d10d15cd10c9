"use client";

import { useEffect, useRef, useState, useTransition } from "react";
import type { ActionResult } from "@/lib/actions/action";
import type { FieldErrors } from "@/lib/errors/app-error";
import type { PreflightSummary } from "@/lib/runtimes/preflight-summary";
import { toRuntimeInput, type RuntimeFormValues, type RuntimeInput } from "@/lib/runtimes/runtime-form";
import type { FieldProblem, PreflightView } from "@/components/runtimes/preflight-panel";
import {
  FIELD_LABELS,
  describePath,
  fieldOf,
  keyed,
  portsOf,
  shownPaths,
  stateOf,
  valuesOf,
  type FormState,
  type RowList,
  type RowOf,
} from "@/components/runtimes/runtime-form-state";

// The runtime form's behaviour, apart from its markup: the state, which fields the user has
// reached, a preflight on the server after each edit (debounced, the latest answer wins),
// and where the keyboard goes (a new row's first input; after a refused submission, the
// first field to fix). Errors of fields the user has not reached stay quiet until "Check"
// or submit.

const PREFLIGHT_DELAY_MS = 600;

/** The form's server actions, bound to the workspace by the page. */
export interface RuntimeFormActions {
  preflight: (previous: unknown, input: RuntimeInput & { editing: boolean }) => Promise<ActionResult<PreflightSummary>>;
  /** Create or update; redirects to the runtime's page when it succeeds. */
  save: (previous: unknown, input: RuntimeInput) => Promise<ActionResult<unknown> | undefined>;
}

export function useRuntimeForm({
  actions,
  editing,
  initial,
  formRef,
  messageRef,
}: {
  actions: RuntimeFormActions;
  editing: boolean;
  initial: RuntimeFormValues;
  /** The form, searched for the inputs to focus. */
  formRef: React.RefObject<HTMLFormElement | null>;
  /** The submission's message, focused when no input is to blame. */
  messageRef: React.RefObject<HTMLDivElement | null>;
}) {
  const [state, setState] = useState(() => stateOf(initial));
  const [touched, setTouched] = useState<Set<string>>(() => new Set());
  const [showAll, setShowAll] = useState(false);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [view, setView] = useState<PreflightView>({ state: "idle" });
  const [checking, setChecking] = useState(false);
  const [submitMessage, setSubmitMessage] = useState<string | null>(null);
  // A refusal that blamed fields goes once a check finds them all corrected.
  const [refusedOnFields, setRefusedOnFields] = useState(false);
  const [submitting, startSubmit] = useTransition();
  const [focusRequest, setFocusRequest] = useState(0);
  const [focusKey, setFocusKey] = useState<number | null>(null);
  const sequence = useRef(0);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const dirty = touched.size > 0;

  /** Changes the state and marks `field` (a top-level field) as reached. */
  function update(field: string, change: (s: FormState) => FormState) {
    setState(change);
    setTouched((t) => (t.has(field) ? t : new Set(t).add(field)));
  }

  /** Adds a row to a list; its first input takes the keyboard. */
  function addRow<L extends RowList>(list: L, row: Omit<RowOf<L>, "key">) {
    const added = keyed(row);
    setFocusKey(added.key);
    update(list, (s) => ({ ...s, [list]: [...s[list], added] }));
  }

  function changeRow<L extends RowList>(list: L, key: number, change: Partial<RowOf<L>>) {
    update(list, (s) => ({ ...s, [list]: s[list].map((r) => (r.key === key ? { ...r, ...change } : r)) }));
  }

  function removeRow(list: RowList, key: number) {
    update(list, (s) => ({ ...s, [list]: s[list].filter((r) => r.key !== key) }));
  }

  async function preflight(current: FormState) {
    const run = ++sequence.current;
    setChecking(true);
    let next: PreflightView;
    let nextErrors: FieldErrors = {};
    try {
      const result = await actions.preflight(null, { ...toRuntimeInput(valuesOf(current)), editing });
      if (result.ok) {
        nextErrors = result.data.fieldErrors;
        next = { state: "done", summary: result.data };
      } else if (result.fieldErrors) {
        nextErrors = result.fieldErrors;
        const fields = [...new Set(Object.keys(result.fieldErrors).map((key) => key.split(".")[0]!))];
        next = {
          state: "incomplete",
          missing: fields.filter((field) => !touched.has(field)).map((field) => FIELD_LABELS[field] ?? field),
          message: fields.some((field) => touched.has(field))
            ? "Fix the highlighted fields to see the estimate."
            : undefined,
        };
      } else {
        next = { state: "error", message: result.message };
      }
    } catch {
      next = { state: "error", message: "Could not reach the server to check this runtime. Try again." };
    }
    if (run !== sequence.current) return; // a newer check is on its way
    if (refusedOnFields && next.state === "done" && Object.keys(nextErrors).length === 0) {
      setSubmitMessage(null);
      setRefusedOnFields(false);
    }
    setErrors(nextErrors);
    setView(next);
    setChecking(false);
  }

  // Each edit (re)schedules a preflight; an edit form checks once on arrival too.
  useEffect(() => {
    if (!dirty && !editing) return;
    clearTimeout(timer.current);
    timer.current = setTimeout(() => void preflight(state), PREFLIGHT_DELAY_MS);
    return () => clearTimeout(timer.current);
    // preflight reads the latest state it is given; re-running on its identity would loop.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [state]);

  // After a refused submission, take the keyboard to the first field to fix.
  useEffect(() => {
    if (!focusRequest) return;
    const invalid = formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]');
    (invalid ?? messageRef.current)?.focus();
  }, [focusRequest, formRef, messageRef]);

  function check() {
    clearTimeout(timer.current);
    setShowAll(true);
    void preflight(state);
  }

  function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    clearTimeout(timer.current);
    sequence.current++; // a check still on its way would overwrite the submission's errors
    setChecking(false);
    setShowAll(true);
    setSubmitMessage(null);
    const input = toRuntimeInput(valuesOf(state));
    startSubmit(async () => {
      const result = await actions.save(null, input);
      // On success the action redirects to the runtime's page.
      if (result && !result.ok) {
        setErrors(result.fieldErrors ?? {});
        setSubmitMessage(result.message);
        setRefusedOnFields(Object.keys(result.fieldErrors ?? {}).length > 0);
        setFocusRequest((n) => n + 1);
      }
    });
  }

  function focusField(path: string) {
    const form = formRef.current;
    const field =
      form?.querySelector<HTMLElement>(`[data-field="${path}"]`) ??
      form?.querySelector<HTMLElement>(`[data-field^="${path}."]`);
    field?.focus();
  }

  const visible = (path: string) => showAll || touched.has(path.split(".")[0]!);
  /** The errors to show at one input now. */
  const errorsFor = (path: string) => (visible(path) ? errors[path] : undefined);
  /** A command or its arguments: every error of the list lands on its one textarea. */
  const listErrors = (field: "command" | "args") =>
    visible(field)
      ? Object.entries(errors)
          .filter(([path]) => fieldOf(path) === field)
          .flatMap(([, messages]) => messages)
      : undefined;

  const shown = shownPaths(state, editing);
  const problems: FieldProblem[] = Object.entries(errors)
    .filter(([path]) => visible(path))
    .map(([path, messages]) => ({
      path: fieldOf(path),
      label: describePath(path),
      messages,
      focusable: [...shown].some((field) => field === fieldOf(path) || field.startsWith(`${fieldOf(path)}.`)),
    }));

  return {
    editing,
    state,
    values: valuesOf(state),
    ports: portsOf(state),
    focusKey,
    update,
    addRow,
    changeRow,
    removeRow,
    errorsFor,
    listErrors,
    problems,
    view,
    checking,
    check,
    submit,
    submitting,
    submitMessage,
    focusField,
  };
}

export type RuntimeFormModel = ReturnType<typeof useRuntimeForm>;
