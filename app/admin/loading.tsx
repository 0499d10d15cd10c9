import { PageSkeleton } from "@/components/ui/page-skeleton";

// Shown inside the operator console's layout (after its guard) while a page's data loads.
export default function AdminLoading() {
  return <PageSkeleton />;
}
