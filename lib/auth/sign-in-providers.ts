import { env } from "@/lib/config/env";
import { configuredProviders } from "@/lib/auth/providers";

export interface SignInProvider {
  id: string;
  name: string;
}

/** What the sign-in page shows: ids and names only, never client secrets. */
export function signInProviders(): SignInProvider[] {
  return configuredProviders(env()).map(({ id, name }) => ({ id, name }));
}
