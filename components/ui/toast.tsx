"use client";

import * as RadixToast from "@radix-ui/react-toast";
import { createContext, useCallback, useContext, useState } from "react";
import { cn } from "@/components/ui/cn";

// Toasts, on Radix's Toast, for the outcome of an action only (never for a field's error,
// which stands next to its field). Announced politely; they close on their own, by swipe
// or with their close button, and pause while hovered or focused.

export interface ToastMessage {
  message: string;
  tone?: "success" | "error";
}

const ToastContext = createContext<(toast: ToastMessage) => void>(() => undefined);

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
  return (
    <ToastContext.Provider value={show}>
      <RadixToast.Provider swipeDirection="right" duration={6000}>
        {children}
        {toasts.map((toast) => (
          <RadixToast.Root
            key={toast.id}
            type={toast.tone === "error" ? "foreground" : "background"}
            onOpenChange={(open) => {
              if (!open) setToasts((list) => list.filter((t) => t.id !== toast.id));
            }}
            className={cn(
              "flex items-start justify-between gap-3 rounded-lg border px-4 py-3 text-sm shadow-lg",
              toast.tone === "error"
                ? "border-red-200 bg-red-50 text-red-800"
                : "border-brand-100 bg-brand-50 text-brand-800",
            )}
          >
            <RadixToast.Description>{toast.message}</RadixToast.Description>
            <RadixToast.Close aria-label="Dismiss" className="font-medium opacity-70 hover:opacity-100">
              ×
            </RadixToast.Close>
          </RadixToast.Root>
        ))}
        <RadixToast.Viewport className="fixed right-4 bottom-4 z-50 flex w-[min(24rem,calc(100vw-2rem))] flex-col gap-2 outline-none" />
      </RadixToast.Provider>
    </ToastContext.Provider>
  );
}
