import type { Metadata } from "next";
import { platformPage } from "@/lib/auth/platform-page";

export const metadata: Metadata = { title: "Operator console" };

export default async function AdminOverviewPage() {
  await platformPage("platform.read");
  return (
    <div className="flex flex-col gap-2">
      <h1 className="text-2xl font-semibold">Operator console</h1>
      <p className="text-sm text-slate-600">Users, administrators and the platform audit log.</p>
    </div>
  );
}
