import type { Metadata } from "next";
import { apiReference } from "@/lib/api/reference";
import { env } from "@/lib/config/env";
import { ApiReference } from "@/components/api-reference/api-reference";
import { Logo } from "@/components/shell/logo";

export const metadata: Metadata = { title: "API reference" };

// The REST API's reference page, public like the document it is made from.
export default function ApiReferencePage() {
  const { documentUrl, operations } = apiReference(new URL(env().NEXTAUTH_URL).origin);
  return (
    <main className="mx-auto flex max-w-4xl flex-col gap-6 px-4 py-8">
      <header className="flex items-center gap-3">
        <Logo className="h-8 w-8" />
        <h1 className="text-2xl font-semibold">Canopy API reference</h1>
      </header>
      <ApiReference documentUrl={documentUrl} operations={operations} />
    </main>
  );
}
