"use client";

import { useState } from "react";
import { signIn } from "next-auth/react";

export function SignInButtons({
  providers,
  callbackUrl,
}: {
  providers: { id: string; name: string }[];
  callbackUrl: string;
}) {
  const [pending, setPending] = useState<string | null>(null);
  return (
    <ul className="flex flex-col gap-3">
      {providers.map((provider) => (
        <li key={provider.id}>
          <button
            type="button"
            disabled={pending !== null}
            onClick={() => {
              setPending(provider.id);
              void signIn(provider.id, { callbackUrl });
            }}
            className="w-full rounded-lg border border-slate-300 bg-white px-4 py-2.5 text-sm font-medium shadow-xs hover:bg-slate-50 disabled:cursor-wait disabled:opacity-60"
          >
            {pending === provider.id ? "Redirecting…" : `Continue with ${provider.name}`}
          </button>
        </li>
      ))}
    </ul>
  );
}
