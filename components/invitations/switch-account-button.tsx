"use client";

import { signOut } from "next-auth/react";

/** Signs out and comes back to the invitation through sign-in, as another account. */
export function SwitchAccountButton({ callbackPath }: { callbackPath: string }) {
  return (
    <button
      type="button"
      onClick={() => void signOut({ callbackUrl: `/signin?callbackUrl=${encodeURIComponent(callbackPath)}` })}
      className="text-brand-700 font-medium hover:underline"
    >
      Use another account
    </button>
  );
}
