import Link from "next/link";
import { z } from "zod";
import { platformMetadata, platformPage } from "@/lib/auth/platform-page";
import { listUsers, listUsersInput } from "@/lib/platform/list-users";
import { UserSearch } from "@/components/admin/user-search";
import { UserTable } from "@/components/admin/user-table";
import { Alert } from "@/components/ui/alert";
import { buttonClass } from "@/components/ui/button-class";
import { EmptyState } from "@/components/ui/empty-state";

export const generateMetadata = platformMetadata("Users · Operator console");

type SearchParams = Record<string, string | string[] | undefined>;

function first(value: string | string[] | undefined): string | undefined {
  return (Array.isArray(value) ? value[0] : value) || undefined;
}

function pageHref(q: string, status: string, page: number): string {
  const search = new URLSearchParams();
  if (q) search.set("q", q);
  if (status !== "all") search.set("status", status);
  if (page > 1) search.set("page", String(page));
  return search.size ? `/admin/users?${search}` : "/admin/users";
}

export default async function AdminUsersPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  await platformPage("platform.read");
  const raw = await searchParams;
  const parsed = listUsersInput.safeParse({ q: first(raw.q), status: first(raw.status), page: first(raw.page) });
  const q = first(raw.q) ?? "";
  const status = first(raw.status) ?? "all";
  const result = parsed.success ? await listUsers(parsed.data) : null;
  const errors = parsed.success ? undefined : (z.flattenError(parsed.error).fieldErrors as Record<string, string[]>);
  const page = parsed.success ? parsed.data.page : 1;
  return (
    <div className="flex flex-col gap-4">
      <div>
        <h1 className="text-2xl font-semibold">Users</h1>
        <p className="text-sm text-slate-600">
          Everyone who has signed in to Canopy. Open a user to disable or enable them.
        </p>
      </div>
      <UserSearch q={q} status={status} errors={errors} />
      {errors ? <Alert>These search settings are not valid: {Object.values(errors).flat().join(" ")}</Alert> : null}
      {result && result.users.length === 0 ? (
        <EmptyState>{q || status !== "all" ? "No users match this search." : "No one has signed in yet."}</EmptyState>
      ) : null}
      {result && result.users.length > 0 ? (
        <>
          <p className="text-sm text-slate-600" role="status">
            {result.total} user{result.total === 1 ? "" : "s"} · page {page} of {result.pages}
          </p>
          <UserTable users={result.users} />
          <nav aria-label="User pages" className="flex items-center justify-between gap-3 text-sm">
            {page > 1 ? (
              <Link href={pageHref(q, status, page - 1)} className={buttonClass({ variant: "secondary", size: "sm" })}>
                ← Previous
              </Link>
            ) : (
              <span />
            )}
            {page < result.pages ? (
              <Link href={pageHref(q, status, page + 1)} className={buttonClass({ variant: "secondary", size: "sm" })}>
                Next →
              </Link>
            ) : null}
          </nav>
        </>
      ) : null}
    </div>
  );
}
