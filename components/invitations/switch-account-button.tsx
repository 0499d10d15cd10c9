"use client";

import { signOutTo } from "@/components/auth/sign-out";

/** Signs out and comes back to the invitation through sign-in, as another account. */
export function SwitchAccountButton({ callbackPath }: { callbackPath: string }) {
  return (
    <button
      type="button"
      onClick={() => void signOutTo(`/signin?callbackUrl=${encodeURIComponent(callbackPath)}`)}
      className="text-brand-700 font-medium hover:underline"
    >
      Use another account
    </button>
  );
}
