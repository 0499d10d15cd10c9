import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { verifiedPrimaryEmail } from "@/lib/auth/github-email";

// The verified primary address, chosen from GitHub's GET /user/emails answers as GitHub
// documents them (no internet here: the answers are recorded in fixtures/github/).

const recorded = JSON.parse(readFileSync(new URL("./fixtures/github/user-emails.json", import.meta.url), "utf8")) as {
  cases: Record<string, { answer: unknown; expected: string | null }>;
};

describe("GitHub's verified primary email", () => {
  for (const [name, { answer, expected }] of Object.entries(recorded.cases)) {
    it(`${name}: ${expected ?? "none"}`, () => {
      expect(verifiedPrimaryEmail(answer)).toBe(expected);
    });
  }

  it("never takes an address GitHub has not verified, whatever else the answer says", () => {
    const forged = [{ email: "ceo@victim.example", primary: true, verified: false, visibility: "public" }];
    expect(verifiedPrimaryEmail(forged)).toBeNull();
    expect(verifiedPrimaryEmail([{ email: "ceo@victim.example", primary: true, verified: "true" }])).toBeNull();
    expect(verifiedPrimaryEmail(null)).toBeNull();
  });
});
