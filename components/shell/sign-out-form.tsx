"use client";

import { signOutTo } from "@/components/auth/sign-out";
import { Button } from "@/components/ui/button";

// The header's sign-out button: with JavaScript it signs out through next-auth's endpoints
// and goes to the sign-in page (components/auth/sign-out.ts). Without, the form still works:
// next-auth answers a POST without its CSRF token with its own sign-out confirmation page.
export function SignOutForm() {
  return (
    <form
      method="post"
      action="/api/auth/signout"
      onSubmit={(event) => {
        event.preventDefault();
        void signOutTo("/signin");
      }}
    >
      <Button type="submit" variant="secondary" size="sm" className="whitespace-nowrap">
        Sign out
      </Button>
    </form>
  );
}
