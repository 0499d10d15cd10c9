"use client";

import { createContext, lazy, Suspense, useCallback, useContext, useState } from "react";

// Toasts, on Radix's Toast, for the outcome of an action only (never for a field's error,
// which stands next to its field). Announced politely; they close on their own, by swipe
// or with their close button, and pause while hovered or focused. The provider is tiny;
// the toasts' code (toast-list.tsx) loads with the first toast.

export interface ToastMessage {
  message: string;
  tone?: "success" | "error";
}

const ToastContext = createContext<(toast: ToastMessage) => void>(() => undefined);

// React.lazy rather than next/dynamic, whose loader would add ~2 kB to every console page.
const ToastList = lazy(() => import("@/components/ui/toast-list"));

/** Shows a toast: `toast({ message: "Budget saved." })`. */
export function useToast(): (toast: ToastMessage) => void {
  return useContext(ToastContext);
}

export function Toaster({ children }: { children: React.ReactNode }) {
  const [toasts, setToasts] = useState<(ToastMessage & { id: number })[]>([]);
  const show = useCallback(
    (toast: ToastMessage) => setToasts((list) => [...list.slice(-2), { ...toast, id: Date.now() + Math.random() }]),
    [],
  );
  const close = useCallback((id: number) => setToasts((list) => list.filter((t) => t.id !== id)), []);
  return (
    <ToastContext.Provider value={show}>
      {children}
      {toasts.length > 0 ? (
        <Suspense fallback={null}>
          <ToastList toasts={toasts} onClose={close} />
        </Suspense>
      ) : null}
    </ToastContext.Provider>
  );
}
