import { platformMetadata, platformPage } from "@/lib/auth/platform-page";
import { listPlatformAdmins } from "@/lib/platform/platform-admins";
import { GrantAdminForm } from "@/components/admin/grant-admin-form";
import { PlatformAdminList } from "@/components/admin/platform-admin-list";
import { Card } from "@/components/ui/card";
import { grantPlatformAdminAction, revokePlatformAdminAction } from "./actions";

export const generateMetadata = platformMetadata("Administrators · Operator console");

export default async function AdminsPage() {
  const { actor } = await platformPage("platform.read");
  const admins = await listPlatformAdmins();
  return (
    <div className="flex flex-col gap-6">
      <div>
        <h1 className="text-2xl font-semibold">Administrators</h1>
        <p className="text-sm text-slate-600">
          Platform administrators see every workspace and user and can act on them. The platform always keeps at least
          one.
        </p>
      </div>
      <Card>
        <GrantAdminForm action={grantPlatformAdminAction} />
      </Card>
      <PlatformAdminList admins={admins} selfId={actor.userId} revokeAction={revokePlatformAdminAction} />
    </div>
  );
}
