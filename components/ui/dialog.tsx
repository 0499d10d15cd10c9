"use client";

import dynamic from "next/dynamic";
import { useEffect, useState } from "react";

// A modal dialog (radix-dialog.tsx: focus trapped and returned, Escape and the overlay close
// it, the title names it). Radix's dialog is about 11 kB of gzipped JavaScript that a page
// needs only once someone opens a dialog: it is fetched when the browser is idle after the
// page loads, not before the page is interactive, and mounted from the first opening on.
const loadModal = () => import("./radix-dialog");
const RadixModal = dynamic(loadModal, { ssr: false, loading: () => null });

export function Dialog(props: { open: boolean; onClose: () => void; title: string; children: React.ReactNode }) {
  const [opened, setOpened] = useState(props.open);
  // Derived during render (React's pattern for state that follows a prop), not in an effect.
  if (props.open && !opened) setOpened(true);
  useEffect(() => {
    const idle = window.requestIdleCallback ?? ((run: () => void) => window.setTimeout(run, 200));
    idle(() => void loadModal());
  }, []);
  // Kept mounted once opened, so that closing runs Radix's own focus return.
  return opened || props.open ? <RadixModal {...props} /> : null;
}
