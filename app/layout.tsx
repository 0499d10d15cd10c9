import type { Metadata, Viewport } from "next";
import { headers } from "next/headers";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Canopy", template: "%s · Canopy" },
  description: "Self-service cloud workspaces on Kubernetes",
  icons: { icon: "/favicon.svg" },
};

export const viewport: Viewport = { width: "device-width", initialScale: 1 };

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  // Reading the request (proxy.ts put the CSP nonce on it, as x-nonce) renders every page
  // per request, so none is prerendered with scripts that lack the nonce. Next.js puts the
  // nonce on its own scripts; a <Script> added later takes it from headers() too.
  await headers();
  return (
    <html lang="en">
      <body className="min-h-dvh font-sans">{children}</body>
    </html>
  );
}
