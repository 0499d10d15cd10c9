import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { currentSession } from "@/lib/auth/session";
import { signInProviders } from "@/lib/auth/sign-in-providers";
import { signInErrorMessage } from "@/lib/auth/sign-in-errors";
import { SignInButtons } from "@/components/auth/sign-in-buttons";
import { Logo } from "@/components/shell/logo";
import { Alert } from "@/components/ui/alert";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<{ callbackUrl?: string; error?: string; retryAfter?: string }>;
}) {
  const { callbackUrl, error, retryAfter } = await searchParams;
  const target = callbackUrl?.startsWith("/") && !callbackUrl.startsWith("//") ? callbackUrl : "/";
  if (await currentSession()) redirect(target);
  const providers = signInProviders();

  return (
    <main className="flex min-h-dvh items-center justify-center px-4 py-12">
      <div className="w-full max-w-sm rounded-2xl border border-slate-200 bg-white p-8 shadow-sm">
        <div className="mb-6 flex flex-col items-center gap-3 text-center">
          <Logo className="h-10 w-10" />
          <h1 className="text-xl font-semibold">Sign in to Canopy</h1>
          <p className="text-sm text-slate-600">
            Your own cloud workspace on Kubernetes, ready the moment you sign in.
          </p>
        </div>
        {error ? <Alert className="mb-4">{signInErrorMessage(error, retryAfter)}</Alert> : null}
        {providers.length > 0 ? (
          <SignInButtons providers={providers} callbackUrl={target} />
        ) : (
          <Alert tone="warning">
            No sign-in provider is configured. The operator sets one with GITHUB_CLIENT_ID, GOOGLE_CLIENT_ID or
            OIDC_ISSUER (see the README).
          </Alert>
        )}
      </div>
    </main>
  );
}
