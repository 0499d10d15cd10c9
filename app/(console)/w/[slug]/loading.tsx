import { PageSkeleton } from "@/components/ui/page-skeleton";

// Shown inside the workspace layout while a tab's data loads.
export default function WorkspaceLoading() {
  return <PageSkeleton />;
}
