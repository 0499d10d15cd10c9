import { Alert } from "@/components/ui/alert";

// The outcome of a form submission that is not about one field.
export function FormMessage({ state }: { state: { ok: boolean; message?: string } | null }) {
  if (!state?.message) return null;
  return <Alert tone={state.ok ? "success" : "error"}>{state.message}</Alert>;
}
