"use client";

import { lazy, Suspense } from "react";
import type { RuntimeDetails } from "@/lib/runtimes/runtime-details";
import { SectionCard } from "@/components/ui/card";

// The runtime page's cards below its actions: its pods, configuration and events, its public
// endpoint's readiness and its usage. None is needed for the page to be interactive (the
// last two fetch their data in the browser anyway), so their code comes after, not before.
// The server still renders them into the HTML (React.lazy resolves there); in the browser each
// hydrates once its code has arrived, and a client-side navigation shows the card's title
// with a loading line meanwhile. Their parent never re-renders before they hydrate (a server
// component), so the server's HTML stays on screen until then.

const Sections = lazy(() =>
  import("@/components/runtimes/runtime-sections").then((m) => ({ default: m.RuntimeSections })),
);
const EndpointReadiness = lazy(() =>
  import("@/components/runtimes/endpoint-readiness").then((m) => ({ default: m.EndpointReadinessCard })),
);
const UsageCharts = lazy(() =>
  import("@/components/runtimes/runtime-usage-charts").then((m) => ({ default: m.RuntimeUsageCharts })),
);

function LoadingCard({ id, title }: { id: string; title: string }) {
  return (
    <SectionCard level={3} id={id} title={title}>
      <p className="text-sm text-slate-500" role="status">
        Loading…
      </p>
    </SectionCard>
  );
}

export function RuntimeSectionCards(props: { slug: string; name: string; initial: RuntimeDetails }) {
  return (
    <Suspense fallback={<LoadingCard id="pods-heading" title="Pods" />}>
      <Sections {...props} />
    </Suspense>
  );
}

export function EndpointReadinessCard(props: { slug: string; name: string }) {
  return (
    <Suspense fallback={<LoadingCard id="endpoint-heading" title="Public endpoint" />}>
      <EndpointReadiness {...props} />
    </Suspense>
  );
}

export function RuntimeUsageCard(props: { slug: string; name: string }) {
  return (
    <Suspense fallback={<LoadingCard id="usage-heading" title="Usage" />}>
      <UsageCharts {...props} />
    </Suspense>
  );
}
