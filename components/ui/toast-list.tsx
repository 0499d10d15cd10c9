"use client";

import * as RadixToast from "@radix-ui/react-toast";
import { cn } from "@/components/ui/cn";
import type { ToastMessage } from "@/components/ui/toast";

// The toasts themselves, on Radix's Toast: loaded with the first toast a page shows, so
// pages that never show one do not carry its code.

export default function ToastList({
  toasts,
  onClose,
}: {
  toasts: (ToastMessage & { id: number })[];
  onClose: (id: number) => void;
}) {
  return (
    <RadixToast.Provider swipeDirection="right" duration={6000}>
      {toasts.map((toast) => (
        <RadixToast.Root
          key={toast.id}
          type={toast.tone === "error" ? "foreground" : "background"}
          onOpenChange={(open) => {
            if (!open) onClose(toast.id);
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
  );
}
