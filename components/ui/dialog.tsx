"use client";

import { lazy, Suspense, useEffect, useState } from "react";
import { whenIdle } from "@/components/ui/when-idle";

// A modal dialog (radix-dialog.tsx: focus trapped and returned, Escape and the overlay close
// it, the title names it). Radix's dialog is about 11 kB of gzipped JavaScript that a page
// needs only once someone opens a dialog: it is fetched when the browser is idle after the
// page loads, not before the page is interactive, and mounted from the first opening on.
// React.lazy, not next/dynamic: next/dynamic's loader adds ~2 kB to every page using it.
const loadModal = () => import("./radix-dialog");
const RadixModal = lazy(loadModal);

export function Dialog(props: { open: boolean; onClose: () => void; title: string; children: React.ReactNode }) {
  const [opened, setOpened] = useState(props.open);
  // Derived during render (React's pattern for state that follows a prop), not in an effect.
  if (props.open && !opened) setOpened(true);
  useEffect(() => whenIdle(() => void loadModal()), []);
  // Kept mounted once opened, so that closing runs Radix's own focus return.
  return opened || props.open ? (
    <Suspense fallback={null}>
      <RadixModal {...props} />
    </Suspense>
  ) : null;
}
