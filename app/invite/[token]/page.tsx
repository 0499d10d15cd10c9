import type { Metadata } from "next";
import Link from "next/link";
import { currentSession } from "@/lib/auth/session";
import { ROLE_LABELS } from "@/lib/authz/permissions";
import { AppError } from "@/lib/errors/app-error";
import { describeInvitation, type InvitationPreview } from "@/lib/invitations/describe-invitation";
import { InvitationResponse } from "@/components/invitations/invitation-response";
import { SwitchAccountButton } from "@/components/invitations/switch-account-button";
import { Logo } from "@/components/shell/logo";
import { buttonClass } from "@/components/ui/button-class";
import { acceptInvitationAction, declineInvitationAction } from "./actions";
import { Alert } from "@/components/ui/alert";

// Outside the console: someone who is not signed in (or has no account yet) opens the
// link first. The token is in the URL, so it is never sent on as a referrer or indexed.
export const metadata: Metadata = {
  title: "Invitation",
  referrer: "no-referrer",
  robots: { index: false, follow: false },
};

async function preview(token: string, viewerId: string | null): Promise<InvitationPreview | null> {
  try {
    return await describeInvitation(token, viewerId);
  } catch (error) {
    if (error instanceof AppError && error.code === "NOT_FOUND") return null;
    throw error;
  }
}

function Card({ children }: { children: React.ReactNode }) {
  return (
    <main className="flex min-h-dvh items-center justify-center px-4 py-12">
      <div className="flex w-full max-w-md flex-col gap-6 rounded-2xl border border-slate-200 bg-white p-8 shadow-sm">
        <Logo className="mx-auto h-10 w-10" />
        {children}
      </div>
    </main>
  );
}

export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const session = await currentSession();
  const viewer = session?.user?.id ? session.user : null;
  const invitation = await preview(token, viewer?.id ?? null);
  const path = `/invite/${token}`;

  if (!invitation) {
    return (
      <Card>
        <div className="text-center">
          <h1 className="text-xl font-semibold">Invitation not found</h1>
          <p className="mt-2 text-sm text-slate-600">
            This invitation link is not valid. Check that you copied all of it, or ask for a new invitation: a resent
            invitation replaces the old link.
          </p>
        </div>
        <Link href={viewer ? "/dashboard" : "/signin"} className="text-brand-700 text-center text-sm font-medium">
          {viewer ? "Go to your dashboard" : "Sign in"}
        </Link>
      </Card>
    );
  }

  return (
    <Card>
      <div className="text-center">
        <h1 className="text-xl font-semibold">Join {invitation.workspaceName}</h1>
        <p className="mt-2 text-sm text-slate-600">
          {invitation.inviterName} invited you to the Canopy workspace <strong>{invitation.workspaceName}</strong>.
        </p>
      </div>
      <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-2 rounded-lg bg-slate-50 p-4 text-sm">
        <dt className="text-slate-500">Workspace</dt>
        <dd className="font-medium">{invitation.workspaceName}</dd>
        <dt className="text-slate-500">Invited by</dt>
        <dd>{invitation.inviterName}</dd>
        <dt className="text-slate-500">Role</dt>
        <dd data-testid="invitation-role">{ROLE_LABELS[invitation.role]}</dd>
        <dt className="text-slate-500">For</dt>
        <dd>{invitation.maskedEmail}</dd>
      </dl>

      {invitation.problem ? <Alert>{invitation.problem}</Alert> : null}

      {!viewer ? (
        invitation.problem ? null : (
          <div className="flex flex-col gap-2 text-center">
            <Link href={`/signin?callbackUrl=${encodeURIComponent(path)}`} className={buttonClass()}>
              Sign in to accept
            </Link>
            <p className="text-xs text-slate-500">
              New to Canopy? Signing in creates your account; you come back here afterwards.
            </p>
          </div>
        )
      ) : (
        <>
          {invitation.problem ? (
            <Link href="/dashboard" className="text-brand-700 text-center text-sm font-medium hover:underline">
              Go to your dashboard
            </Link>
          ) : (
            <InvitationResponse
              token={token}
              workspaceName={invitation.workspaceName}
              acceptAction={acceptInvitationAction}
              declineAction={declineInvitationAction}
            />
          )}
          <p className="text-center text-xs text-slate-500">
            Signed in as {viewer.email ?? viewer.name}. <SwitchAccountButton callbackPath={path} />
          </p>
        </>
      )}
    </Card>
  );
}
