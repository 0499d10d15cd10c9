import { z } from "zod";

// GitHub's profile (GET /user) carries only the public email, which may be missing or
// unverified. With the `user:email` scope, GET /user/emails lists every address with
// `primary` and `verified`; Canopy takes the primary address, and only when GitHub has
// verified it. A GitHub account without one gets no email at all, and sign-in tells the
// person why (lib/auth/sign-in-refusals.ts).

export const GITHUB_EMAILS_URL = "https://api.github.com/user/emails";

const githubEmails = z.array(
  z.object({
    email: z.string(),
    primary: z.boolean(),
    verified: z.boolean(),
    visibility: z.string().nullable().optional(),
  }),
);

/** The verified primary address from a GET /user/emails answer, or null. */
export function verifiedPrimaryEmail(answer: unknown): string | null {
  const parsed = githubEmails.safeParse(answer);
  if (!parsed.success) return null;
  const primary = parsed.data.find((entry) => entry.primary);
  return primary?.verified ? primary.email.toLowerCase() : null;
}

/**
 * next-auth's userinfo request for GitHub: the profile with `email` replaced by the
 * verified primary address (or null). A failing emails call fails the sign-in rather
 * than letting an unverified address through.
 */
export async function githubUserinfo({
  client,
  tokens,
}: {
  client: { userinfo: (accessToken: string) => Promise<Record<string, unknown>> };
  tokens: { access_token?: string };
}): Promise<Record<string, unknown>> {
  const accessToken = tokens.access_token ?? "";
  const profile = await client.userinfo(accessToken);
  const response = await fetch(GITHUB_EMAILS_URL, {
    headers: {
      Authorization: `Bearer ${accessToken}`,
      Accept: "application/vnd.github+json",
      "X-GitHub-Api-Version": "2022-11-28",
      "User-Agent": "Canopy",
    },
  });
  if (!response.ok) throw new Error(`GitHub's emails API answered ${response.status}`);
  return { ...profile, email: verifiedPrimaryEmail(await response.json()) };
}
