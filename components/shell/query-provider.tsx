"use client";

import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { useState } from "react";

// The query cache for the pages that keep data live (the runtimes list, a runtime's page,
// billing). Each of those pages wraps its live part in this provider, not a layout: TanStack
// Query is ~11 kB of gzipped JavaScript that the other pages do not need. The browser keeps
// one client per tab (module state), so the cache outlives a navigation between live pages;
// the server makes one per render, since a module-level one would be shared between users.
// Server pushes (SSE) invalidate queries, so a short stale time is enough.

let browserClient: QueryClient | undefined;

function queryClient(): QueryClient {
  const make = () => new QueryClient({ defaultOptions: { queries: { staleTime: 5_000, retry: 1 } } });
  if (typeof window === "undefined") return make();
  return (browserClient ??= make());
}

export function QueryProvider({ children }: { children: React.ReactNode }) {
  const [client] = useState(queryClient);
  return <QueryClientProvider client={client}>{children}</QueryClientProvider>;
}
