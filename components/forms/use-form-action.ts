"use client";

import { useActionState } from "react";
import type { ActionResult } from "@/lib/actions/action";

// Every form with a server action goes through here: the page binds the workspace action
// and hands it to the form as `action` (one way for all forms), and the form asks this hook
// for each field's errors and for the message that belongs to no field.

/** A server action bound to its workspace (or needing none), as forms receive it. */
export type FormAction<T = unknown> = (previous: unknown, formData: FormData) => Promise<ActionResult<T>>;

export function useFormAction<T>(
  action: FormAction<T>,
  options: {
    /** Runs once the action succeeded, with its result. */
    onSuccess?: (data: T) => void;
    /**
     * The fields this form shows errors next to. A failure that names one of them is told
     * there; any other failure is the form's message. Without this list, any field error
     * silences the form's message.
     */
    fields?: readonly string[];
  } = {},
) {
  const [state, formAction, pending] = useActionState(async (previous: unknown, formData: FormData) => {
    const result = await action(previous, formData);
    if (result.ok) options.onSuccess?.(result.data);
    return result;
  }, null);
  const failed = state && !state.ok ? state : null;
  const fieldKeys = Object.keys(failed?.fieldErrors ?? {});
  const toldAtAField = options.fields ? fieldKeys.some((key) => options.fields!.includes(key)) : fieldKeys.length > 0;
  return {
    state,
    formAction,
    pending,
    /** The errors of one field, for its Field. */
    errorsFor: (name: string): string[] | undefined => failed?.fieldErrors?.[name],
    /** The failure to show as the form's message (null while there is none, or a field tells it). */
    failure: failed && !toldAtAField ? failed : null,
    /** The result once the action succeeded. */
    result: state?.ok ? state.data : null,
  };
}
