"use client";

import { useState } from "react";
import { signIn } from "next-auth/react";
import { Button } from "@/components/ui/button";

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
          <Button
            variant="secondary"
            disabled={pending !== null}
            onClick={() => {
              setPending(provider.id);
              void signIn(provider.id, { callbackUrl });
            }}
            className="w-full"
          >
            {pending === provider.id ? "Redirecting…" : `Continue with ${provider.name}`}
          </Button>
        </li>
      ))}
    </ul>
  );
}
