import { redirect } from "next/navigation";
import { currentSession } from "@/lib/auth/session";
import { landingPath } from "@/lib/workspaces/landing";

// Where "/" and a sign-in without a page to return to land (lib/workspaces/landing.ts).
export default async function Home() {
  const session = await currentSession();
  redirect(session?.user?.id ? await landingPath(session.user.id) : "/signin");
}
