"use client";

import { useQuery } from "@tanstack/react-query";
import type { BillingSummary } from "@/lib/billing/get-billing-summary";

// The billing page's live data: the server renders the first summary, then the browser asks
// for a fresh one every 20 seconds (metering writes a minute as soon as it ends).

export const BILLING_REFRESH_MS = 20_000;

async function fetchSummary(slug: string): Promise<BillingSummary> {
  const response = await fetch(`/api/w/${encodeURIComponent(slug)}/billing/summary`, {
    headers: { Accept: "application/json" },
    cache: "no-store",
  });
  if (!response.ok) {
    const body = (await response.json().catch(() => null)) as { error?: string } | null;
    throw new Error(body?.error ?? "Could not load the latest cost.");
  }
  return (await response.json()) as BillingSummary;
}

export const billingSummaryKey = (slug: string) => ["billing-summary", slug] as const;

export function useBillingSummary(slug: string, initialData: BillingSummary) {
  return useQuery({
    queryKey: billingSummaryKey(slug),
    queryFn: () => fetchSummary(slug),
    initialData,
    // When the server read it, and fresh until the next refresh: the browser's first render
    // (hydration) shows what the server's did, with no refetch under way.
    initialDataUpdatedAt: Date.parse(initialData.asOf),
    staleTime: BILLING_REFRESH_MS,
    refetchInterval: BILLING_REFRESH_MS,
    refetchIntervalInBackground: false,
  });
}
