// next-auth reports sign-in failures as short codes in ?error=; people get a sentence.
const messages: Record<string, string> = {
  OAuthSignin: "We could not start sign-in with that provider. Please try again.",
  OAuthCallback: "The sign-in provider's answer could not be verified. Please try again.",
  OAuthAccountNotLinked:
    "This email address already belongs to an account that signs in another way. Use the provider you used first.",
  AccessDenied: "Sign-in was cancelled or refused.",
  SessionRequired: "Please sign in to continue.",
  Callback: "Sign-in could not be completed. Please try again.",
  // Canopy's own refusals (lib/auth/sign-in-refusals.ts).
  EmailNotVerified:
    "Your sign-in provider did not confirm a verified email address for this account, and Canopy needs one. Verify your email address with the provider (on GitHub: make your primary email address a verified one), then sign in again.",
  RateLimited: "Too many sign-in attempts.",
  AccountDisabled: "This account has been disabled by the platform's administrators. Ask them to enable it again.",
};

/** The sentence for an error code; `retryAfter` (seconds, from the URL) completes RateLimited. */
export function signInErrorMessage(code: string, retryAfter?: string): string {
  const message = messages[code] ?? "Sign-in failed. Please try again.";
  if (code !== "RateLimited") return message;
  const seconds = Number(retryAfter);
  const wait = Number.isInteger(seconds) && seconds > 0 && seconds <= 86_400 ? `${seconds} s` : "a few minutes";
  return `${message} Try again in ${wait}.`;
}
