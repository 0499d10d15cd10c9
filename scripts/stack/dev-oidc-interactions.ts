import type { IncomingMessage, ServerResponse } from "node:http";
import type Provider from "oidc-provider";
import { errors } from "oidc-provider";
import { loginPage, sendHtml } from "./dev-oidc-pages";
import { authenticateDevUser } from "./dev-oidc-users";

// The provider's interactions, which oidc-provider leaves to its host: the sign-in form
// and consent, granted at once for the first-party client.

async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  let body = "";
  for await (const chunk of req) {
    body += chunk;
    if (body.length > 10_000) throw new errors.InvalidRequest("request body too large");
  }
  return new URLSearchParams(body);
}

/** First-party client: grant whatever the authorization request asked for instead of a consent screen. */
async function grantConsent(
  provider: Provider,
  req: IncomingMessage,
  res: ServerResponse,
  details: Awaited<ReturnType<Provider["interactionDetails"]>>,
) {
  const { accountId } = details.session ?? {};
  if (!accountId) throw new errors.SessionNotFound("no signed-in account for consent");
  const grant =
    (details.grantId ? await provider.Grant.find(details.grantId) : undefined) ??
    new provider.Grant({ accountId, clientId: String(details.params.client_id) });
  const missing = details.prompt.details as {
    missingOIDCScope?: string[];
    missingOIDCClaims?: string[];
    missingResourceScopes?: Record<string, string[]>;
  };
  if (missing.missingOIDCScope) grant.addOIDCScope(missing.missingOIDCScope);
  if (missing.missingOIDCClaims) grant.addOIDCClaims(missing.missingOIDCClaims);
  for (const [resource, scopes] of Object.entries(missing.missingResourceScopes ?? {})) {
    grant.addResourceScope(resource, scopes);
  }
  const grantId = await grant.save();
  await provider.interactionFinished(req, res, { consent: { grantId } }, { mergeWithLastSubmission: true });
}

export async function handleInteraction(
  provider: Provider,
  req: IncomingMessage,
  res: ServerResponse,
  uid: string,
  action: string | undefined,
) {
  const details = await provider.interactionDetails(req, res);
  if (details.uid !== uid) throw new errors.SessionNotFound("interaction does not match the interaction cookie");
  const prompt = details.prompt.name;

  if (req.method === "GET" && !action && prompt === "login") return sendHtml(res, 200, loginPage(uid));
  if (req.method === "GET" && !action && prompt === "consent") return grantConsent(provider, req, res, details);
  if (req.method === "POST" && action === "login" && prompt === "login") {
    const form = await readForm(req);
    const username = form.get("username") ?? "";
    const user = authenticateDevUser(username, form.get("password") ?? "");
    if (!user) return sendHtml(res, 200, loginPage(uid, { username, failed: true }));
    return provider.interactionFinished(
      req,
      res,
      { login: { accountId: user.sub } },
      { mergeWithLastSubmission: false },
    );
  }
  throw new errors.InvalidRequest(`unsupported interaction: ${req.method} ${action ?? ""} for prompt ${prompt}`);
}
