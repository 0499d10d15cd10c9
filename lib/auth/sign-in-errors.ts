// next-auth reports sign-in failures as short codes in ?error=; people get a sentence.
const messages: Record<string, string> = {
  OAuthSignin: "We could not start sign-in with that provider. Please try again.",
  OAuthCallback: "The sign-in provider's answer could not be verified. Please try again.",
  OAuthAccountNotLinked:
    "This email address already belongs to an account that signs in another way. Use the provider you used first.",
  AccessDenied: "Sign-in was cancelled or refused.",
  SessionRequired: "Please sign in to continue.",
  Callback: "Sign-in could not be completed. Please try again.",
};

export function signInErrorMessage(code: string): string {
  return messages[code] ?? "Sign-in failed. Please try again.";
}
